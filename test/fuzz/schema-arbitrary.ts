// Builds fast-check arbitraries from the JSON Schemas of openapi.yaml: one that yields values the schema
// accepts, and mutations that yield values it should reject. Only the keywords our spec uses are supported.
// Any other keyword throws an error that names it, so a new keyword in openapi.yaml is never silently ignored.
import fc from 'fast-check';
import type { JsonSchema } from '../../src/openapi/document.js';

/** Keywords that describe a schema without constraining values. */
const ANNOTATIONS = new Set(['title', 'description', 'examples', 'example', 'default', 'deprecated', 'readOnly', 'writeOnly', '$comment', 'externalDocs', 'xml']);

const SUPPORTED = new Set([
  'type', 'properties', 'required', 'additionalProperties', 'items', 'minItems', 'maxItems', 'uniqueItems',
  'enum', 'const', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'format', 'anyOf', 'oneOf', 'minProperties', 'maxProperties', 'propertyNames',
]);

const FORMATS = new Set(['date', 'date-time']);

/** Largest string or array a generated valid value gets when the schema sets no maximum. */
const UNBOUNDED_LENGTH = 40;

export class UnsupportedSchemaError extends Error {
  override name = 'UnsupportedSchemaError';
}

function checkKeywords(schema: JsonSchema, where: string): void {
  for (const keyword of Object.keys(schema)) {
    if (ANNOTATIONS.has(keyword) || SUPPORTED.has(keyword)) continue;
    throw new UnsupportedSchemaError(`The schema at ${where} uses the keyword "${keyword}", which test/fuzz/schema-arbitrary.ts cannot generate values for; add support for it there.`);
  }
  if (typeof schema.format === 'string' && !FORMATS.has(schema.format)) {
    throw new UnsupportedSchemaError(`The schema at ${where} uses format "${schema.format}", which test/fuzz/schema-arbitrary.ts cannot generate values for; add support for it there.`);
  }
}

function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type as string[];
  if (typeof schema.type === 'string') return [schema.type];
  if (schema.properties || schema.required || schema.additionalProperties !== undefined) return ['object'];
  if (schema.items) return ['array'];
  if (schema.pattern !== undefined || schema.minLength !== undefined || schema.maxLength !== undefined || schema.format) return ['string'];
  if (schema.minimum !== undefined || schema.maximum !== undefined) return ['number'];
  return ['string', 'number', 'integer', 'boolean', 'null', 'object', 'array'];
}

function codePointLength(value: string): number {
  return [...value].length;
}

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = (schema.minLength as number | undefined) ?? 0;
  const maxLength = (schema.maxLength as number | undefined) ?? Math.max(minLength, UNBOUNDED_LENGTH);

  if (schema.format === 'date') {
    return fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
  }
  if (schema.format === 'date-time') {
    return fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString());
  }
  if (typeof schema.pattern === 'string') {
    // NOTE: fast-check generates pattern matches without a length bound, so lengths are filtered afterwards.
    // A pattern whose matches rarely fall inside [minLength, maxLength] makes this slow.
    return fc.stringMatching(new RegExp(schema.pattern, 'u')).filter((value) => {
      const length = codePointLength(value);
      return length >= minLength && length <= maxLength;
    });
  }
  // Single code points, so the length is the one JSON Schema counts.
  return fc.string({ unit: 'binary', minLength, maxLength: Math.min(maxLength, minLength + UNBOUNDED_LENGTH) });
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const minimum = schema.minimum as number | undefined;
  const maximum = schema.maximum as number | undefined;
  const exclusiveMinimum = schema.exclusiveMinimum as number | undefined;
  const exclusiveMaximum = schema.exclusiveMaximum as number | undefined;

  if (integer) {
    let min = minimum ?? Number.MIN_SAFE_INTEGER;
    let max = maximum ?? Number.MAX_SAFE_INTEGER;
    if (exclusiveMinimum !== undefined) min = Math.max(min, Math.floor(exclusiveMinimum) + 1);
    if (exclusiveMaximum !== undefined) max = Math.min(max, Math.ceil(exclusiveMaximum) - 1);
    return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  }
  const constraints: fc.DoubleConstraints = { noNaN: true, noDefaultInfinity: true };
  if (minimum !== undefined) constraints.min = minimum;
  if (maximum !== undefined) constraints.max = maximum;
  if (exclusiveMinimum !== undefined) {
    constraints.min = Math.max(constraints.min ?? -Number.MAX_VALUE, exclusiveMinimum);
    constraints.minExcluded = true;
  }
  if (exclusiveMaximum !== undefined) {
    constraints.max = Math.min(constraints.max ?? Number.MAX_VALUE, exclusiveMaximum);
    constraints.maxExcluded = true;
  }
  // -0 serializes as 0, which is the same JSON number.
  return fc.double(constraints).map((value) => (Object.is(value, -0) ? 0 : value));
}

function objectArbitrary(schema: JsonSchema, where: string): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties as Record<string, JsonSchema> | undefined) ?? {};
  const required = (schema.required as string[] | undefined) ?? [];
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, propertySchema] of Object.entries(properties)) model[name] = validArbitrary(propertySchema, `${where}/properties/${name}`);
  // A required property without a schema may hold any JSON value.
  for (const name of required) model[name] ??= fc.jsonValue();

  const minProperties = (schema.minProperties as number | undefined) ?? 0;
  const maxProperties = (schema.maxProperties as number | undefined) ?? Number.POSITIVE_INFINITY;
  const withinCount = (value: Record<string, unknown>) => Object.keys(value).length >= minProperties && Object.keys(value).length <= maxProperties;

  const record = fc.record(model, { requiredKeys: required });
  const additional = schema.additionalProperties;
  if (additional === undefined || additional === false || additional === true) return record.filter(withinCount);

  // additionalProperties with a schema: add a few entries under names that no declared property uses.
  const maxKeys = Math.max(0, Math.min(4, maxProperties));
  const names = schema.propertyNames ? (validArbitrary({ type: 'string', ...(schema.propertyNames as JsonSchema) }, `${where}/propertyNames`) as fc.Arbitrary<string>) : fc.string({ minLength: 1, maxLength: 12 });
  const extra = fc.dictionary(names.filter((key) => !(key in properties) && key !== '__proto__'), validArbitrary(additional as JsonSchema, `${where}/additionalProperties`), { minKeys: Math.min(minProperties, maxKeys), maxKeys });
  return fc.tuple(record, extra).map(([declared, extras]) => ({ ...extras, ...declared })).filter(withinCount);
}

function arrayArbitrary(schema: JsonSchema, where: string): fc.Arbitrary<unknown[]> {
  const item = schema.items === undefined ? fc.jsonValue() : validArbitrary(schema.items as JsonSchema, `${where}/items`);
  const minLength = (schema.minItems as number | undefined) ?? 0;
  const maxLength = (schema.maxItems as number | undefined) ?? minLength + 8;
  if (schema.uniqueItems === true) return fc.uniqueArray(item, { minLength, maxLength, comparator: (a, b) => JSON.stringify(a) === JSON.stringify(b) });
  return fc.array(item, { minLength, maxLength });
}

/** Returns an arbitrary of values that `schema` accepts; `where` names the schema in error messages. */
export function validArbitrary(schema: JsonSchema, where = '#'): fc.Arbitrary<unknown> {
  checkKeywords(schema, where);

  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  // Every branch of a oneOf in our spec is disjoint from the others, so a value of one branch matches exactly one.
  // NOTE: an overlapping oneOf would yield values that match two branches, which the schema rejects.
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const branches = schema[keyword];
    if (Array.isArray(branches)) {
      const { [keyword]: _branches, ...rest } = schema;
      return fc.oneof(...(branches as JsonSchema[]).map((branch, index) => validArbitrary({ ...rest, ...branch }, `${where}/${keyword}/${index}`)));
    }
  }

  const byType = typesOf(schema).map((type): fc.Arbitrary<unknown> => {
    switch (type) {
      case 'string':
        return stringArbitrary(schema);
      case 'integer':
        return numberArbitrary(schema, true);
      case 'number':
        return numberArbitrary(schema, false);
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'object':
        return objectArbitrary(schema, where);
      case 'array':
        return arrayArbitrary(schema, where);
      default:
        throw new UnsupportedSchemaError(`The schema at ${where} has type "${type}", which JSON Schema does not define.`);
    }
  });
  return byType.length === 1 ? byType[0]! : fc.oneof(...byType);
}

/** Values that break almost any schema, or stress the parser and validator: wrong types, extremes, unicode, deep nesting. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 999999999999, -999999999999, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, '', ' ', '-1', 'abc', 'null', '{}', '[]'),
  fc.constantFrom('x'.repeat(100_000), '\u0000', '\uFEFFadmin', 'Ω≈ç√∫', '👩‍👩‍👧‍👦'.repeat(300), 'a\nb', '<script>alert(1)</script>', "' OR 1=1 --", '../../etc/passwd', '%00'),
  fc.constant(nested(200)),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.integer(),
  fc.double(),
  fc.array(fc.jsonValue(), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue(), { maxKeys: 5 }),
);

function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level += 1) value = level % 2 === 0 ? [value] : { child: value };
  return value;
}

/**
 * Returns an arbitrary of values derived from a valid object that `schema` should reject: a required property
 * missing, an unknown property added where additionalProperties is false, or a property replaced by a hostile value.
 * Some hostile replacements happen to be valid (a unicode string for a free-text field), so callers must not assume
 * every value is rejected.
 */
export function objectMutationArbitrary(schema: JsonSchema, where = '#'): fc.Arbitrary<unknown> {
  const valid = validArbitrary(schema, where);
  const properties = Object.keys((schema.properties as Record<string, unknown> | undefined) ?? {});
  const required = (schema.required as string[] | undefined) ?? [];

  const mutations: Array<fc.Arbitrary<unknown>> = [hostileValue];
  if (required.length > 0) {
    mutations.push(
      fc.tuple(valid, fc.constantFrom(...required)).map(([value, name]) => {
        const copy = { ...(value as Record<string, unknown>) };
        delete copy[name];
        return copy;
      }),
    );
  }
  if (properties.length > 0) {
    mutations.push(fc.tuple(valid, fc.constantFrom(...properties), hostileValue).map(([value, name, replacement]) => ({ ...(value as Record<string, unknown>), [name]: replacement })));
  }
  if (schema.additionalProperties === false) {
    mutations.push(fc.tuple(valid, fc.string({ minLength: 1, maxLength: 16 }).filter((key) => !properties.includes(key) && key !== '__proto__'), fc.jsonValue()).map(([value, key, extra]) => ({ ...(value as Record<string, unknown>), [key]: extra })));
  }
  return fc.oneof(...mutations);
}
