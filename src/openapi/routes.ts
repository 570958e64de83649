// Registers one Fastify route per operation of openapi.yaml and binds the handler named by its operationId.
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Operation } from './operations.js';
import type { JsonSchema } from './document.js';
import { ApiError } from '../errors.js';
import type { Handlers, HandlerContext, OperationInput, OperationId } from '../handlers/types.js';
import type { Services } from '../services/index.js';
import { createAuthorizer } from '../auth/authenticate.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    operationId?: string;
  }
}

type Authenticate = (request: FastifyRequest) => Promise<void>;

/** An encapsulated Fastify context for one route: its own body limit, and a setup that adds parsers or plugins. */
export interface RouteScope {
  bodyLimit?: number;
  setup?(scope: FastifyInstance): Promise<void>;
}

/** Fails when an operation has no handler or a handler matches no operation, naming each one. */
export function checkHandlerBinding(operations: Operation[], handlers: Record<string, unknown>): void {
  const operationIds = new Set(operations.map((operation) => operation.operationId));
  const missing = [...operationIds].filter((id) => typeof handlers[id] !== 'function');
  const extra = Object.keys(handlers).filter((id) => !operationIds.has(id));

  const problems: string[] = [];
  if (missing.length) problems.push(`no handler for operation ${missing.join(', ')} (add it to src/handlers/index.ts)`);
  if (extra.length) problems.push(`handler ${extra.join(', ')} matches no operationId in openapi.yaml (remove it or add the operation)`);
  if (problems.length) throw new Error(`openapi.yaml and the handlers disagree: ${problems.join('; ')}.`);
}

function responseSchemas(operation: Operation): Record<string, { content: Record<string, { schema: JsonSchema }> }> {
  const schemas: Record<string, { content: Record<string, { schema: JsonSchema }> }> = {};
  for (const [status, byMediaType] of Object.entries(operation.responses)) {
    const content: Record<string, { schema: JsonSchema }> = {};
    for (const [mediaType, schema] of Object.entries(byMediaType)) content[mediaType] = { schema };
    if (Object.keys(content).length) schemas[status] = { content };
  }
  return schemas;
}

// Fastify warns about a request part whose schema key is present but undefined.
function definedSchemas(operation: Operation): Record<string, JsonSchema> {
  return Object.fromEntries(Object.entries(operation.schemas).filter(([, schema]) => schema !== undefined)) as Record<string, JsonSchema>;
}

function mediaTypeOf(request: FastifyRequest): string | undefined {
  return request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() || undefined;
}

// Fastify parses text/plain too; an operation that documents only JSON must reject it with 415, not 400.
function createMediaTypeCheck(operation: Operation) {
  return async function checkMediaType(request: FastifyRequest): Promise<void> {
    const mediaType = mediaTypeOf(request);
    if (mediaType === undefined) return;
    if (!operation.bodyMediaTypes.includes(mediaType)) {
      throw new ApiError('unsupported-media-type', `The content type ${mediaType} is not supported by ${operation.operationId}; send the body as ${operation.bodyMediaTypes.join(' or ')}.`);
    }
  };
}

// An operation without a request body rejects one before it is read, so a client that sends, say, a list of
// ids to mark as read learns that they were not used instead of seeing every notification marked.
function createBodyRejection(operation: Operation) {
  return async function rejectBody(request: FastifyRequest): Promise<void> {
    const length = request.headers['content-length'];
    const hasBody = (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
    if (hasBody) {
      throw new ApiError('invalid-request', `${operation.method.toUpperCase()} ${operation.specPath} takes no request body; send the request without one.`);
    }
  };
}

const METHODS_WITHOUT_BODY = new Set(['get', 'head', 'options']);

function buildRoute(operation: Operation, handler: (input: never, context: HandlerContext) => Promise<unknown>, services: Services, authenticate: Authenticate): RouteOptions {
  const preHandler = operation.requiresAuth ? [authenticate, createAuthorizer(operation.roles)] : [];
  const preValidation = operation.bodyMediaTypes.length > 0 ? [createMediaTypeCheck(operation)] : [];
  const onRequest = operation.bodyMediaTypes.length === 0 && !METHODS_WITHOUT_BODY.has(operation.method) ? [createBodyRejection(operation)] : [];

  return {
    method: operation.method.toUpperCase() as RouteOptions['method'],
    url: operation.routePath,
    schema: { ...definedSchemas(operation), response: responseSchemas(operation) } as RouteOptions['schema'],
    config: { operationId: operation.operationId },
    onRequest,
    preValidation,
    preHandler,
    async handler(request: FastifyRequest, reply: FastifyReply) {
      const input = { body: request.body, query: request.query ?? {}, params: request.params ?? {} } as OperationInput<OperationId>;
      const result = await handler(input as never, { request, reply, services, principal: request.principal });
      reply.code(operation.successStatus);
      return result;
    },
  };
}

export function registerOperations(app: FastifyInstance, operations: Operation[], handlers: Handlers, services: Services, authenticate: Authenticate, scopes: Record<string, RouteScope> = {}): void {
  checkHandlerBinding(operations, handlers as unknown as Record<string, unknown>);
  for (const operation of operations) {
    const handler = handlers[operation.operationId as OperationId] as unknown as (input: never, context: HandlerContext) => Promise<unknown>;
    const route = buildRoute(operation, handler, services, authenticate);
    const scope = scopes[operation.operationId];
    if (!scope) {
      app.route(route);
      continue;
    }

    // A child context keeps the scope's parsers and plugins to this one route; it inherits the hooks and error handler.
    // Authentication moves to onRequest, so that no large body is read and parsed for a client without a valid token.
    app.register(async (child) => {
      await scope.setup?.(child);
      child.route({ ...route, bodyLimit: scope.bodyLimit, onRequest: route.preHandler, preHandler: [] });
    });
  }
}
