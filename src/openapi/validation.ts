// The Ajv instances that validate requests (and, in development and test, responses) against openapi.yaml.
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import formatsPlugin from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import type { JsonSchema } from './document.js';

// OpenAPI-only keywords that JSON Schema 2020-12 does not define. Registered as annotations so Ajv's
// strict mode accepts them instead of failing at startup.
const OPENAPI_KEYWORDS = ['example', 'xml', 'externalDocs', 'discriminator'];

// ajv-formats ships as CommonJS with the plugin on `default`.
const addFormats = ((formatsPlugin as unknown as { default?: typeof formatsPlugin }).default ?? formatsPlugin) as unknown as (ajv: Ajv2020) => Ajv2020;

function createAjv(options: { coerceTypes: false | 'array'; useDefaults: boolean }): Ajv2020 {
  const ajv = new Ajv2020({
    strict: true,
    strictRequired: false,
    // `type: [string, "null"]` is how 3.1 writes nullable values.
    allowUnionTypes: true,
    coerceTypes: options.coerceTypes,
    useDefaults: options.useDefaults,
    removeAdditional: false,
    allErrors: false,
  });
  addFormats(ajv);
  for (const keyword of OPENAPI_KEYWORDS) ajv.addKeyword({ keyword, schemaType: ['string', 'object', 'array', 'number', 'boolean', 'null'] });
  return ajv;
}

/**
 * Builds the schema compiler for Fastify routes. Bodies are validated as sent: no coercion,
 * no defaults, no removal of unknown properties. Path, query and header values arrive as strings,
 * so they are coerced to the declared types (`?limit=10` becomes 10, a single `?tag=a` an array).
 */
export function createRequestValidatorCompiler(): FastifySchemaCompiler<JsonSchema> {
  const bodyAjv = createAjv({ coerceTypes: false, useDefaults: false });
  const parameterAjv = createAjv({ coerceTypes: 'array', useDefaults: true });

  return ({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? bodyAjv : parameterAjv;
    return ajv.compile(schema) as ValidateFunction;
  };
}

/** Builds an Ajv instance that checks response bodies; it never changes the data it checks. */
export function createResponseAjv(): Ajv2020 {
  return createAjv({ coerceTypes: false, useDefaults: false });
}

export type { ErrorObject, ValidateFunction };
