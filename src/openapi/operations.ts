// Turns the paths of an OpenAPI document into a flat list of operations in Fastify's terms.
import { HTTP_METHODS, type HttpMethod, type JsonSchema, type OpenApiDocument, type OperationObject, type ParameterObject } from './document.js';

export interface Operation {
  operationId: string;
  method: HttpMethod;
  /** The path as the spec writes it: /models/{id}. */
  specPath: string;
  /** The path as Fastify routes it: /models/:id. */
  routePath: string;
  /** Request schemas by Fastify's request part. */
  schemas: {
    params?: JsonSchema;
    querystring?: JsonSchema;
    headers?: JsonSchema;
    body?: JsonSchema;
  };
  /** Media types the request body may have, e.g. application/json. */
  bodyMediaTypes: string[];
  bodyRequired: boolean;
  /** Response schemas by status code and media type. */
  responses: Record<string, Record<string, JsonSchema>>;
  /** The single documented 2xx status. */
  successStatus: number;
  requiresAuth: boolean;
  /** Roles allowed to call the operation; empty means any authenticated user. */
  roles: string[];
}

export function toRoutePath(specPath: string): string {
  return specPath.replace(/\{([^}]+)\}/g, ':$1');
}

function groupParameters(parameters: ParameterObject[], location: ParameterObject['in']): JsonSchema | undefined {
  const selected = parameters.filter((parameter) => parameter.in === location);
  if (selected.length === 0) return undefined;

  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const parameter of selected) {
    // HTTP header names are case-insensitive and Node lowercases them.
    const name = location === 'header' ? parameter.name.toLowerCase() : parameter.name;
    properties[name] = parameter.schema ?? {};
    if (parameter.required || location === 'path') required.push(name);
  }
  return { type: 'object', properties, required };
}

function mergeParameters(pathLevel: ParameterObject[] = [], operationLevel: ParameterObject[] = []): ParameterObject[] {
  // An operation's parameter overrides a path-level one with the same name and location.
  const byKey = new Map<string, ParameterObject>();
  for (const parameter of [...pathLevel, ...operationLevel]) byKey.set(`${parameter.in}:${parameter.name}`, parameter);
  return [...byKey.values()];
}

function collectResponses(operation: OperationObject): Record<string, Record<string, JsonSchema>> {
  const responses: Record<string, Record<string, JsonSchema>> = {};
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    responses[status] = {};
    for (const [mediaType, media] of Object.entries(response.content ?? {})) {
      responses[status][mediaType] = media.schema ?? {};
    }
  }
  return responses;
}

function findSuccessStatus(operationId: string, responses: Record<string, unknown>): number {
  const success = Object.keys(responses).filter((status) => /^2\d\d$/.test(status));
  if (success.length !== 1) {
    throw new Error(`Operation ${operationId} must document exactly one 2xx response; it has ${success.length} (${success.join(', ') || 'none'}).`);
  }
  return Number(success[0]);
}

function buildOperation(document: OpenApiDocument, specPath: string, method: HttpMethod, operation: OperationObject, pathParameters: ParameterObject[] | undefined): Operation {
  const where = `${method.toUpperCase()} ${specPath}`;
  if (!operation.operationId) throw new Error(`${where} in openapi.yaml has no operationId; add one, it names the handler.`);

  const parameters = mergeParameters(pathParameters, operation.parameters);
  const bodyContent = operation.requestBody?.content ?? {};
  const bodyMediaTypes = Object.keys(bodyContent);
  const jsonBody = bodyContent['application/json']?.schema;
  // With other media types beside JSON (CSV, multipart), Fastify validates only the JSON form against the
  // schema; the handler parses and checks the others.
  const bodySchema = jsonBody && bodyMediaTypes.length > 1 ? { content: { 'application/json': { schema: jsonBody } } } : jsonBody;
  const security = operation.security ?? document.security ?? [];
  const responses = collectResponses(operation);

  return {
    operationId: operation.operationId,
    method,
    specPath,
    routePath: toRoutePath(specPath),
    schemas: {
      params: groupParameters(parameters, 'path'),
      querystring: groupParameters(parameters, 'query'),
      headers: groupParameters(parameters, 'header'),
      body: bodySchema,
    },
    bodyMediaTypes,
    bodyRequired: operation.requestBody?.required ?? false,
    responses,
    successStatus: findSuccessStatus(operation.operationId, operation.responses ?? {}),
    // An empty requirement object ({}) in the list makes authentication optional, as OpenAPI defines it.
    requiresAuth: security.length > 0 && security.every((requirement) => Object.keys(requirement).length > 0),
    roles: operation['x-roles'] ?? [],
  };
}

/** Lists every operation of the document, failing on a duplicate operationId. */
export function listOperations(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  const seen = new Set<string>();

  for (const [specPath, pathItem] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method] as OperationObject | undefined;
      if (!operation) continue;

      const built = buildOperation(document, specPath, method, operation, pathItem.parameters);
      if (seen.has(built.operationId)) throw new Error(`The operationId ${built.operationId} appears twice in openapi.yaml; operationIds must be unique.`);
      seen.add(built.operationId);
      operations.push(built);
    }
  }
  return operations;
}
