// In development and test, checks every sent JSON body against openapi.yaml, so the spec and the server cannot drift apart silently.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Operation } from './operations.js';
import { createResponseAjv, type ValidateFunction } from './validation.js';
import { ApiError, problemType } from '../errors.js';

function describeErrors(errors: ValidateFunction['errors']): string {
  return (errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`).join('; ');
}

function compileValidators(operations: Operation[]): Map<string, ValidateFunction> {
  const ajv = createResponseAjv();
  const validators = new Map<string, ValidateFunction>();
  for (const operation of operations) {
    for (const [status, byMediaType] of Object.entries(operation.responses)) {
      for (const [mediaType, schema] of Object.entries(byMediaType)) {
        validators.set(`${operation.operationId} ${status} ${mediaType}`, ajv.compile(schema));
      }
    }
  }
  return validators;
}

function findValidator(validators: Map<string, ValidateFunction>, operationId: string, status: number, mediaType: string): ValidateFunction | undefined {
  // OpenAPI allows ranges such as 4XX and a default response.
  for (const key of [String(status), `${String(status)[0]}XX`, 'default']) {
    const validator = validators.get(`${operationId} ${key} ${mediaType}`);
    if (validator) return validator;
  }
  return undefined;
}

export function registerResponseValidation(app: FastifyInstance, operations: Operation[]): void {
  const validators = compileValidators(operations);

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const operationId = request.routeOptions.config?.operationId;
    if (!operationId || typeof payload !== 'string' || reply.statusCode === 500) return payload;

    const mediaType = String(reply.getHeader('content-type') ?? '').split(';')[0]!.trim();
    if (!mediaType.endsWith('json')) return payload;

    const validator = findValidator(validators, operationId, reply.statusCode, mediaType);
    // The sent text is parsed back, so a NaN that the serializer wrote as null fails a `number` schema too.
    const body: unknown = JSON.parse(payload);
    const problem = !validator
      ? `status ${reply.statusCode} with ${mediaType} is not documented for ${operationId}`
      : validator(body)
        ? undefined
        : `the ${reply.statusCode} body of ${operationId} breaks its schema: ${describeErrors(validator.errors)}`;
    if (!problem) return payload;

    request.log.error({ operation: operationId, status: reply.statusCode, errors: validator?.errors }, `response does not match openapi.yaml: ${problem}`);
    const error = new ApiError('internal', `The response did not match openapi.yaml (${problem}); this is a server bug.`);
    reply.code(500).type('application/problem+json');
    return JSON.stringify({ type: problemType('internal'), title: error.title, status: 500, detail: error.message, instance: request.url, code: 'internal' });
  });
}
