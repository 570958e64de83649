// Checks every response the tests see against openapi.yaml with an Ajv instance of its own (not the server's),
// and records each operationId × status seen, for the coverage table.
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import { loadDocument, HTTP_METHODS, type OperationObject } from '../../src/openapi/document.js';

const addFormats = ((formatsPlugin as unknown as { default?: typeof formatsPlugin }).default ?? formatsPlugin) as unknown as (ajv: Ajv2020) => Ajv2020;

const document = loadDocument();
const ajv = new Ajv2020({ strict: false, allErrors: true, allowUnionTypes: true });
addFormats(ajv);

interface SpecOperation {
  operationId: string;
  method: string;
  pattern: RegExp;
  responses: OperationObject['responses'];
}

const operations: SpecOperation[] = [];
for (const [specPath, item] of Object.entries(document.paths)) {
  for (const method of HTTP_METHODS) {
    const operation = item[method] as OperationObject | undefined;
    if (!operation?.operationId) continue;
    const pattern = new RegExp('^' + specPath.replace(/\{[^}]+\}/g, '[^/]+') + '$');
    operations.push({ operationId: operation.operationId, method: method.toUpperCase(), pattern, responses: operation.responses });
  }
}

// Literal segments win over templated ones, as OpenAPI requires (/drift/reports before /drift/{model_id}).
operations.sort((a, b) => (a.pattern.source.match(/\[\^\/\]\+/g)?.length ?? 0) - (b.pattern.source.match(/\[\^\/\]\+/g)?.length ?? 0));

export function findOperation(method: string, url: string): SpecOperation | undefined {
  const pathname = url.split('?')[0] ?? url;
  return operations.find((operation) => operation.method === method.toUpperCase() && operation.pattern.test(pathname));
}

const RECORD_FILE = process.env.CONTRACT_RECORD_FILE ?? path.resolve('.tap/contract-seen.jsonl');

function record(operationId: string, status: number, problem: string | undefined): void {
  mkdirSync(path.dirname(RECORD_FILE), { recursive: true });
  appendFileSync(RECORD_FILE, JSON.stringify({ operationId, status, problem }) + '\n');
}

/** Returns undefined when the response matches the spec, or a sentence saying how it does not. */
export function checkResponse(method: string, url: string, status: number, contentType: string | undefined, body: string): string | undefined {
  const operation = findOperation(method, url);
  if (!operation) return undefined;

  const response = operation.responses[String(status)] ?? operation.responses[`${String(status)[0]}XX`] ?? operation.responses.default;
  let problem: string | undefined;
  if (!response) {
    problem = `${operation.operationId} returned ${status}, which openapi.yaml does not document`;
  } else if (response.content) {
    const mediaType = (contentType ?? '').split(';')[0]!.trim();
    const schema = response.content[mediaType]?.schema;
    if (!schema) {
      problem = `${operation.operationId} ${status} was sent as ${mediaType || 'no content type'}, which openapi.yaml does not document`;
    } else if (mediaType.endsWith('json')) {
      const validate = ajv.compile(schema);
      if (!validate(JSON.parse(body))) problem = `${operation.operationId} ${status} body breaks its schema: ${ajv.errorsText(validate.errors)}`;
    }
  }
  record(operation.operationId, status, problem);
  return problem;
}
