// Turns every error into RFC 9457 problem details. Library errors are translated here, at one boundary.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, problemType, type ValidationIssue } from '../errors.js';
import type { ErrorObject } from '../openapi/validation.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  errors?: ValidationIssue[];
}

function toProblem(error: ApiError, request: FastifyRequest): Problem {
  const problem: Problem = { type: problemType(error.code), title: error.title, status: error.status, detail: error.message, instance: request.url.split('?')[0] ?? request.url, code: error.code };
  if (error.errors) problem.errors = error.errors;
  return problem;
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: ApiError): FastifyReply {
  if (error.headers) reply.headers(error.headers);
  return reply.code(error.status).type(PROBLEM_CONTENT_TYPE).send(toProblem(error, request));
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const token of pointer.split('/').slice(1)) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

/** Writes one Ajv error as a sentence that names the field, the rule and the fix. */
export function describeValidationError(error: ErrorObject, context: string, data: unknown): ValidationIssue {
  const location = `${context}${error.instancePath}`;
  const params = error.params as Record<string, unknown>;
  let message: string;

  switch (error.keyword) {
    case 'required':
      message = `${location}/${String(params.missingProperty)} is missing; add it`;
      break;
    case 'additionalProperties':
      message = `${location} has the unknown property "${String(params.additionalProperty)}"; remove it`;
      break;
    case 'type':
      message = `${location} must be ${String(params.type)}, but it is ${describeValue(valueAt(data, error.instancePath))}`;
      break;
    case 'enum':
      message = `${location} must be one of ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}, but it is ${describeValue(valueAt(data, error.instancePath))}`;
      break;
    default:
      message = `${location} ${error.message ?? 'is invalid'}`;
  }
  return { location, message: `${message}.`, keyword: error.keyword };
}

function fromValidation(error: FastifyError, request: FastifyRequest): ApiError {
  const context = error.validationContext ?? 'body';
  const data = (request as unknown as Record<string, unknown>)[context === 'querystring' ? 'query' : context];
  const issues = (error.validation ?? []).map((item) => describeValidationError(item as ErrorObject, context, data));

  if (context === 'body' && data === undefined) {
    return new ApiError('invalid-request', 'The request body is missing; send a JSON object with Content-Type: application/json.', { errors: issues });
  }
  const first = issues[0]?.message ?? `The ${context} is invalid.`;
  return new ApiError('invalid-request', `Invalid ${context}: ${first}`, { errors: issues });
}

/** Maps Fastify's own client errors (parsing, size, media type) to catalogue entries. */
function fromFastifyError(error: FastifyError, request: FastifyRequest): ApiError | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiError('invalid-json', `The body is not valid JSON (${error.message.replace(/^Body is not valid JSON but content-type is set to 'application\/json'/, 'parse error')}); send a JSON document.`, { cause: error });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError('invalid-json', 'The body is empty although Content-Type is application/json; send a JSON object.', { cause: error });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError('payload-too-large', `The body is larger than this server accepts (${request.routeOptions.bodyLimit ?? 'the configured'} bytes); send a smaller body.`, { cause: error });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return new ApiError('unsupported-media-type', `The content type ${request.headers['content-type'] ?? '(none)'} is not supported here; send the body as application/json.`, { cause: error });
    default:
      break;
  }
  if (error.code?.startsWith('FST_ERR_CTP_')) return new ApiError('invalid-request', `The request body could not be read: ${error.message}.`, { cause: error });

  // Plugins outside the operations raise their own client errors, such as Swagger UI's static files with a 403
  // for a path that leaves the asset folder. Those keep their status class instead of becoming 500s.
  const status = error.statusCode ?? 500;
  if (status === 403) return new ApiError('forbidden', `${request.method} ${request.url.split('?')[0]} is not allowed.`, { cause: error });
  if (status === 404) return new ApiError('route-not-found', `Nothing is served at ${request.url.split('?')[0]}; see /docs for the operations this API offers.`, { cause: error });
  if (status >= 400 && status < 500) return new ApiError('invalid-request', `The request is invalid: ${error.message}.`, { cause: error });
  return undefined;
}

// PostgreSQL rejects some values that JSON Schema accepts: a NUL character in text (22021, 22P05), an integer
// beyond its 32-bit columns (22003), and an integer so large that the driver sends it as 1e+21 (22P02).
// SQLite stores all of them, so only the PostgreSQL engine reaches this.
function fromDatabaseError(error: unknown): ApiError | undefined {
  const code = (error as { code?: unknown }).code;
  if (code === '22021' || code === '22P05') {
    return new ApiError('invalid-request', 'A text value in the request contains a NUL character (\\u0000), which cannot be stored; remove it.', { cause: error });
  }
  if (code === '22003' || code === '22P02') {
    return new ApiError('invalid-request', 'A number in the request is outside the range that can be stored (ids and counts go up to 2147483647); send a smaller number.', { cause: error });
  }
  return undefined;
}

export function handleError(this: unknown, error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  let apiError: ApiError | undefined;
  if (error instanceof ApiError) apiError = error;
  else if (error.validation) apiError = fromValidation(error, request);
  else apiError = fromDatabaseError(error) ?? fromFastifyError(error, request);

  if (apiError) {
    request.log.info({ code: apiError.code, status: apiError.status, operation: request.routeOptions.config?.operationId }, apiError.message);
    return sendProblem(reply, request, apiError);
  }

  // The last branch reveals nothing about the failure to the client; the log has it all.
  request.log.error({ err: error, operation: request.routeOptions.config?.operationId }, 'unhandled error');
  return sendProblem(reply, request, new ApiError('internal', 'The server failed to handle this request; try again, and report it with the request id if it persists.'));
}

/**
 * Sends the router's own errors, raised before a route is matched, as 400 problems. Fastify would send 414
 * for a path parameter over `maxParamLength` (100 characters), a status no operation documents. No
 * parameter of this API is that long, so such a request is invalid.
 */
export function handleFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = request.url.split('?')[0] ?? request.url;
  const detail =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? `A path parameter in ${path.slice(0, 80)}... is longer than 100 characters; no identifier of this API is that long.`
      : `The URL ${path.slice(0, 80)} cannot be decoded; percent-encode its path parameters.`;
  request.log.info({ code: error.code }, detail);
  return sendProblem(reply, request, new ApiError('invalid-request', detail, { cause: error }));
}
