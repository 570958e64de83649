// Handler types derived from generated/api.d.ts, so a handler returning the wrong shape fails `tsc`.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { operations } from '../../generated/api.js';
import type { Principal } from '../auth/authenticate.js';
import type { Services } from '../services/index.js';

export type OperationId = keyof operations;

type Responses<K extends OperationId> = operations[K]['responses'];
type SuccessStatus<K extends OperationId> = Extract<keyof Responses<K>, 200 | 201 | 202 | 204>;

type JsonContent<T> = T extends { content: { 'application/json': infer Body } } ? Body : undefined;

/** The body of the operation's one 2xx response. */
export type SuccessBody<K extends OperationId> = JsonContent<Responses<K>[SuccessStatus<K>]>;

type RequestBodyOf<K extends OperationId> = operations[K] extends { requestBody: infer Body } ? JsonContent<NonNullable<Body>> : undefined;
type ParametersOf<K extends OperationId> = operations[K]['parameters'];

export interface OperationInput<K extends OperationId> {
  body: RequestBodyOf<K>;
  query: ParametersOf<K> extends { query?: infer Query } ? NonNullable<Query> : Record<string, never>;
  params: ParametersOf<K> extends { path?: infer Path } ? NonNullable<Path> : Record<string, never>;
}

export interface HandlerContext {
  request: FastifyRequest;
  reply: FastifyReply;
  services: Services;
  /** The authenticated user; undefined only for public operations. */
  principal: Principal | undefined;
}

export type OperationHandler<K extends OperationId> = (input: OperationInput<K>, context: HandlerContext) => Promise<SuccessBody<K>>;

export type Handlers = { [K in OperationId]: OperationHandler<K> };

/** Returns the principal of an operation that requires authentication. */
export function requirePrincipal(context: HandlerContext): Principal {
  if (!context.principal) throw new Error('An authenticated operation ran without a principal; check the route security in openapi.yaml.');
  return context.principal;
}
