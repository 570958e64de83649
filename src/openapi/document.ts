// Loads openapi.yaml and inlines its local `$ref`s, so each operation's schemas stand alone.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parse } from 'yaml';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type JsonSchema = Record<string, unknown>;

export interface ParameterObject {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
  description?: string;
}

export interface MediaTypeObject {
  schema?: JsonSchema;
}

export interface ResponseObject {
  description: string;
  headers?: Record<string, unknown>;
  content?: Record<string, MediaTypeObject>;
}

export interface OperationObject {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content: Record<string, MediaTypeObject> };
  responses: Record<string, ResponseObject>;
  'x-roles'?: string[];
}

export interface OpenApiDocument {
  openapi: string;
  security?: Array<Record<string, string[]>>;
  paths: Record<string, Record<string, unknown> & { parameters?: ParameterObject[] }>;
  components?: Record<string, Record<string, unknown>>;
}

// The spec sits at the repository root, two levels above both src/openapi and dist/src/openapi.
const here = path.dirname(fileURLToPath(import.meta.url));
export const SPEC_PATH = [path.resolve(here, '../../openapi.yaml'), path.resolve(here, '../../../openapi.yaml')].find((candidate) => {
  try {
    readFileSync(candidate);
    return true;
  } catch {
    return false;
  }
}) ?? path.resolve(here, '../../openapi.yaml');

export function readSpecText(): string {
  return readFileSync(SPEC_PATH, 'utf8');
}

export interface Spec {
  /** openapi.yaml as written, served at /openapi.yaml. */
  text: string;
  /** The parsed document with its `$ref`s, served to Swagger UI and at /openapi.json. */
  raw: OpenApiDocument;
  /** The parsed document with every local `$ref` inlined, from which routes are built. */
  document: OpenApiDocument;
}

function parseDocument(text: string): OpenApiDocument {
  const raw = parse(text) as OpenApiDocument;
  if (!raw || typeof raw !== 'object' || typeof raw.openapi !== 'string' || !raw.openapi.startsWith('3.1')) {
    throw new Error(`${SPEC_PATH} must be an OpenAPI 3.1 document; its openapi field is ${JSON.stringify(raw?.openapi)}.`);
  }
  return raw;
}

/** Parses openapi.yaml with every local `$ref` replaced by a copy of its target. */
export function loadDocument(text: string = readSpecText()): OpenApiDocument {
  const raw = parseDocument(text);
  return dereference(raw, raw, []) as OpenApiDocument;
}

/** Reads and parses openapi.yaml once, for both the routes and the documentation routes. */
export function loadSpec(text: string = readSpecText()): Spec {
  const raw = parseDocument(text);
  return { text, raw, document: dereference(raw, raw, []) as OpenApiDocument };
}

function resolvePointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) {
    throw new Error(`Only local references are supported in openapi.yaml; found $ref "${ref}".`);
  }
  let node: unknown = root;
  for (const token of ref.slice(2).split('/')) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    if (node === undefined) throw new Error(`The $ref "${ref}" in openapi.yaml points at nothing.`);
  }
  return node;
}

function dereference(node: unknown, root: unknown, trail: string[]): unknown {
  if (Array.isArray(node)) return node.map((item) => dereference(item, root, trail));
  if (!node || typeof node !== 'object') return node;

  const record = node as Record<string, unknown>;
  if (typeof record.$ref === 'string') {
    const ref = record.$ref;
    if (trail.includes(ref)) throw new Error(`openapi.yaml has a circular $ref through ${ref}; inline one level of it.`);
    // Siblings of $ref (a description, say) are kept, as OpenAPI 3.1 allows.
    const { $ref: _ignored, ...siblings } = record;
    const target = dereference(resolvePointer(root, ref), root, [...trail, ref]) as Record<string, unknown>;
    return { ...target, ...siblings };
  }

  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) copy[key] = dereference(value, root, trail);
  return copy;
}
