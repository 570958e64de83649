// Property-based test of every operation in openapi.yaml, with valid and invalid requests generated from the
// operation's own request schemas. No request may get a 5xx. Each must get a documented status with a body that
// matches the spec. A 4xx must be problem details with a readable detail, and must leave the database unchanged.
//
// Reproduce a run with FUZZ_SEED=<seed printed by the test>; FUZZ_RUNS sets the runs per property
// (`npm run fuzz -- --runs 2000` for a long run).
import t from 'tap';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { loadDocument } from '../../src/openapi/document.js';
import { listOperations, type Operation } from '../../src/openapi/operations.js';
import type { JsonSchema } from '../../src/openapi/document.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { checkResponse } from '../helpers/contract.js';
import { hostileValue, objectMutationArbitrary, validArbitrary } from './schema-arbitrary.js';

/**
 * Valid-input runs per operation when FUZZ_RUNS is unset; invalid-input runs are twice as many. Login and password
 * operations hash with argon2 on every run, so this default keeps the file near a minute alone on 2 cores.
 */
const DEFAULT_RUNS = 60;
/** Milliseconds the whole file may take; .taprc's 120 s is too short for long runs. */
const FILE_TIMEOUT_MS = 30 * 60_000;
/** Small enough that a 100 000-character hostile string exceeds it, so 413 is exercised. */
const BODY_LIMIT_BYTES = 65_536;

// The test command uses a fixed seed so that CI is repeatable; `npm run fuzz` draws a new one each time.
const DEFAULT_SEED = 20261204;
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : DEFAULT_SEED;
const runs = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : DEFAULT_RUNS;
if (!Number.isInteger(seed) || !Number.isInteger(runs) || runs < 1) {
  throw new Error(`FUZZ_SEED must be an integer and FUZZ_RUNS a positive integer; got FUZZ_SEED=${process.env.FUZZ_SEED} and FUZZ_RUNS=${process.env.FUZZ_RUNS}.`);
}
t.setTimeout(FILE_TIMEOUT_MS);
t.comment(`fuzzing with FUZZ_SEED=${seed} FUZZ_RUNS=${runs}; rerun with the same values to reproduce`);

type Body = { kind: 'none' } | { kind: 'json'; value: unknown; contentType: string } | { kind: 'raw'; text: string; contentType: string };

interface FuzzRequest {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
  body: Body;
}

const SAFE_METHODS = new Set(['get', 'head', 'options']);
const JSON_CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8'];
const WRONG_CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/octet-stream', 'application/json-patch+json'];
const BROKEN_JSON = ['{', '{"a":', 'nul', '[1,2', '{"username": "user",}', "{'username': 'user'}", '\u0000', '{"a":1}{"b":2}', '"unterminated'];
const HOSTILE_PATH_VALUES = ['-1', '0', 'abc', '999999999999', '1e3', '1.5', '%20', 'null', 'Ω', '..', 'a'.repeat(2000)];

// ---- request generation ----

// An operation that accepts several media types keys its body schema by media type, as Fastify expects.
function jsonBodySchema(operation: Operation): JsonSchema | undefined {
  const body = operation.schemas.body;
  const content = body?.content as Record<string, { schema?: JsonSchema }> | undefined;
  return content ? content['application/json']?.schema : body;
}

// A path segment of "." or ".." (also as %2E) is a dot-segment that URL parsing removes, so such a request
// addresses another path, not this operation.
function isAddressableSegment(value: string): boolean {
  return !/^(\.|%2e){1,2}$/i.test(value);
}

function emptyRecord(): fc.Arbitrary<Record<string, unknown>> {
  return fc.constant({});
}

function bodyArbitrary(operation: Operation): fc.Arbitrary<Body> {
  const schema = jsonBodySchema(operation);
  if (!schema) return fc.constant<Body>({ kind: 'none' });

  const json = fc.record({ kind: fc.constant('json' as const), value: validArbitrary(schema, `${operation.operationId} request body`), contentType: fc.constantFrom(...JSON_CONTENT_TYPES) });
  return operation.bodyRequired ? json : fc.oneof(json, fc.constant<Body>({ kind: 'none' }));
}

function validRequest(operation: Operation): fc.Arbitrary<FuzzRequest> {
  const { params, querystring, headers } = operation.schemas;
  return fc.record({
    params: params ? (validArbitrary(params, `${operation.operationId} path parameters`) as fc.Arbitrary<Record<string, unknown>>) : emptyRecord(),
    query: querystring ? (validArbitrary(querystring, `${operation.operationId} query parameters`) as fc.Arbitrary<Record<string, unknown>>) : emptyRecord(),
    headers: headers ? (validArbitrary(headers, `${operation.operationId} header parameters`) as fc.Arbitrary<Record<string, unknown>>) : emptyRecord(),
    body: bodyArbitrary(operation),
  });
}

/** Mutations of a valid request: each breaks one part of it (body, content type, a path or query parameter). */
function invalidRequest(operation: Operation): fc.Arbitrary<FuzzRequest> {
  const valid = validRequest(operation);
  const mutations: Array<fc.Arbitrary<FuzzRequest>> = [];
  const { params, querystring } = operation.schemas;

  // Unknown query parameters reach every operation, with or without declared ones.
  mutations.push(fc.tuple(valid, fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), hostileValue, { minKeys: 1, maxKeys: 3 })).map(([request, extra]) => ({ ...request, query: { ...extra, ...request.query } })));

  const bodySchema = jsonBodySchema(operation);
  if (bodySchema) {
    mutations.push(fc.tuple(valid, objectMutationArbitrary(bodySchema, `${operation.operationId} request body`)).map(([request, value]) => ({ ...request, body: { kind: 'json', value, contentType: 'application/json' } })));
    mutations.push(fc.tuple(valid, fc.constantFrom(...BROKEN_JSON)).map(([request, text]) => ({ ...request, body: { kind: 'raw', text, contentType: 'application/json' } })));
    mutations.push(fc.tuple(valid, fc.constantFrom(...WRONG_CONTENT_TYPES), fc.jsonValue()).map(([request, contentType, value]) => ({ ...request, body: { kind: 'raw', text: JSON.stringify(value) ?? 'x', contentType } })));
    mutations.push(valid.map((request) => ({ ...request, body: { kind: 'raw', text: '', contentType: 'application/json' } })));
    mutations.push(valid.map((request) => ({ ...request, body: { kind: 'none' } })));
    mutations.push(valid.map((request) => ({ ...request, body: { kind: 'raw', text: JSON.stringify({ padding: 'x'.repeat(BODY_LIMIT_BYTES) }), contentType: 'application/json' } })));
  }
  if (params) {
    const names = Object.keys((params.properties as Record<string, unknown>) ?? {});
    mutations.push(fc.tuple(valid, fc.constantFrom(...names), fc.oneof(fc.constantFrom(...HOSTILE_PATH_VALUES), fc.string({ unit: 'binary', minLength: 1, maxLength: 20 })).filter(isAddressableSegment)).map(([request, name, value]) => ({ ...request, params: { ...request.params, [name]: value } })));
  }
  if (querystring) {
    mutations.push(fc.tuple(valid, objectMutationArbitrary(querystring, `${operation.operationId} query parameters`)).map(([request, query]) => ({ ...request, query: query !== null && typeof query === 'object' && !Array.isArray(query) ? (query as Record<string, unknown>) : { value: query } })));
  }
  return fc.oneof(...mutations);
}

// ---- sending ----

function parameterText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? '';
}

function buildUrl(operation: Operation, request: FuzzRequest): string {
  const pathname = operation.specPath.replace(/\{([^}]+)\}/g, (_match, name: string) => encodeURIComponent(parameterText(request.params[name])) || '%20');
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(request.query)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(name, parameterText(item));
  }
  const query = search.toString();
  return query ? `${pathname}?${query}` : pathname;
}

function send(api: TestApp, operation: Operation, request: FuzzRequest, token: string | undefined): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    const text = parameterText(value);
    // Node rejects header values outside visible ASCII before the request reaches the server.
    if (/^[\x20-\x7e]*$/.test(text)) headers[name] = text;
  }
  if (token) headers.authorization = `Bearer ${token}`;

  let payload: string | undefined;
  if (request.body.kind === 'json') {
    headers['content-type'] = request.body.contentType;
    payload = JSON.stringify(request.body.value) ?? 'null';
  } else if (request.body.kind === 'raw') {
    headers['content-type'] = request.body.contentType;
    payload = request.body.text;
  }
  return api.app.inject({ method: operation.method.toUpperCase() as 'GET', url: buildUrl(operation, request), headers, ...(payload === undefined ? {} : { payload }) });
}

// ---- checks ----

/** Returns a digest of every row of every table, so any insert, update or delete changes it. */
const tableNames = new WeakMap<TestApp, string[]>();

async function databaseDigest(api: TestApp): Promise<string> {
  const db = api.app.storage.db;
  let tables = tableNames.get(api);
  if (!tables) {
    tables = (await db.introspection.getTables()).map((table) => table.name).sort();
    tableNames.set(api, tables);
  }
  const hash = createHash('sha256');
  for (const table of tables) {
    const rows = await db.selectFrom(table as never).selectAll().execute();
    const lines = rows.map((row) => JSON.stringify(row)).sort();
    hash.update(`${table}:${lines.length}\n${lines.join('\n')}\n`);
  }
  return hash.digest('hex');
}

// A detail starts with a capital letter, a field location (body/username, querystring/limit) or the name of a
// body property of the operation (old_password), and ends with a period.
const SENTENCE_START = /^(\p{Lu}|(body|querystring|params|headers)\/)/u;

function startsLikeSentence(operation: Operation, detail: string): boolean {
  if (SENTENCE_START.test(detail)) return true;
  const bodyProperties = Object.keys((operation.schemas.body?.properties as Record<string, unknown> | undefined) ?? {});
  return bodyProperties.some((name) => detail.startsWith(`${name} `));
}

function describe(operation: Operation, request: FuzzRequest, token: string | undefined, response: LightMyRequestResponse): string {
  let body = '';
  if (request.body.kind === 'json') body = JSON.stringify(request.body.value) ?? '';
  if (request.body.kind === 'raw') body = request.body.text;
  return `${operation.method.toUpperCase()} ${buildUrl(operation, request).slice(0, 200)} ${token ? 'with' : 'without'} a token and body ${body.slice(0, 200)} got ${response.statusCode} ${response.body.slice(0, 300)}`;
}

function checkOutcome(operation: Operation, request: FuzzRequest, token: string | undefined, response: LightMyRequestResponse): void {
  const summary = describe(operation, request, token, response);
  if (response.statusCode >= 500) throw new Error(`Server error: ${summary}`);

  const mismatch = checkResponse(operation.method, buildUrl(operation, request), response.statusCode, response.headers['content-type'] as string | undefined, response.body);
  if (mismatch) throw new Error(`Response does not match openapi.yaml (${mismatch}): ${summary}`);

  if (response.statusCode >= 400) {
    if (!String(response.headers['content-type']).startsWith('application/problem+json')) throw new Error(`A 4xx is not application/problem+json: ${summary}`);
    const detail = String((response.json() as { detail?: unknown }).detail ?? '');
    const words = detail.trim().split(/\s+/).length;
    if (!startsLikeSentence(operation, detail) || !detail.endsWith('.') || words < 3) throw new Error(`The detail "${detail}" is not a sentence of 3 or more words ending with a period: ${summary}`);
  }
}

// ---- session ----

/**
 * Holds the app under test and an admin token. A successful unsafe request (a password change, a deletion,
 * a logout) may revoke the token or remove the admin. So after one, the session logs in again, and if that
 * fails it starts a fresh app. No run can break the runs after it.
 */
class Session {
  constructor(
    private readonly tap: TapTest,
    public api: TestApp,
    public token: string,
  ) {}

  static async start(tap: TapTest): Promise<Session> {
    const api = await startTestApp(tap, { BODY_LIMIT_BYTES: String(BODY_LIMIT_BYTES) });
    return new Session(tap, api, await api.login());
  }

  async refresh(): Promise<void> {
    try {
      this.token = await this.api.login();
    } catch {
      await this.api.close();
      this.api = await startTestApp(this.tap, { BODY_LIMIT_BYTES: String(BODY_LIMIT_BYTES) });
      this.token = await this.api.login();
    }
  }
}

type TapTest = Parameters<typeof startTestApp>[0];

/** Sends one request and checks it; a rejected request must leave the database as it was. */
async function exercise(session: Session, operation: Operation, request: FuzzRequest, token: string | undefined): Promise<void> {
  const before = await databaseDigest(session.api);
  const response = await send(session.api, operation, request, token);
  checkOutcome(operation, request, token, response);

  if (response.statusCode >= 400) {
    const after = await databaseDigest(session.api);
    if (after !== before) throw new Error(`A rejected request changed the database: ${describe(operation, request, token, response)}`);
  } else if (!SAFE_METHODS.has(operation.method)) {
    await session.refresh();
  }
}

const operations = listOperations(loadDocument());

for (const operation of operations) {
  t.test(`${operation.operationId} fuzzed`, async (t) => {
    const session = await Session.start(t);

    await t.test('valid input', async (t) => {
      await fc.assert(
        fc.asyncProperty(validRequest(operation), async (request) => {
          // A public operation ignores the token, so sending it twice would only repeat the same request.
          if (operation.requiresAuth) await exercise(session, operation, request, undefined);
          await exercise(session, operation, request, session.token);
        }),
        { seed, numRuns: runs, includeErrorInReport: true },
      );
      t.pass(`${runs} valid requests, sent with an admin token and, where the operation needs one, without`);
    });

    await t.test('invalid input', async (t) => {
      await fc.assert(
        fc.asyncProperty(invalidRequest(operation), fc.boolean(), async (request, withToken) => {
          await exercise(session, operation, request, withToken ? session.token : undefined);
        }),
        { seed, numRuns: runs * 2, includeErrorInReport: true },
      );
      t.pass(`${runs * 2} invalid requests`);
    });
  });
}
