// Request bodies of the drift routes: a larger size limit, and for createDriftReport the CSV and multipart
// forms besides JSON. The parsers are registered in the route's own Fastify context, so no other route accepts them.
import type { FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { ApiError } from '../errors.js';
import type { Config } from '../config.js';
import type { RouteScope } from '../openapi/routes.js';

/** Builds the drift routes' scopes, keyed by operationId. */
export function driftRouteScopes(config: Readonly<Config>): Record<string, RouteScope> {
  const bodyLimit = config.driftBodyLimitBytes;
  return {
    putDriftProfile: { bodyLimit },
    createDriftReport: {
      bodyLimit,
      async setup(scope) {
        scope.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit }, (_request, body, done) => done(null, body));
        // Fields are allowed in the limits so that an unexpected one gets a 400 naming it rather than busboy's 413.
        await scope.register(multipart, { limits: { fileSize: bodyLimit, files: 2, fields: 4, parts: 6 } });
      },
    },
  };
}

export interface UploadedCsvPair {
  reference: string;
  current: string;
}

const UPLOAD_PARTS = ['reference', 'current'] as const;

function multipartError(error: unknown, limit: number): ApiError | undefined {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    return new ApiError('payload-too-large', `An uploaded file is larger than this server accepts (${limit} bytes per file); send a smaller sample.`, { cause: error });
  }
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return new ApiError('invalid-request', 'The multipart body has too many parts; send exactly two files, named reference and current.', { cause: error });
  }
  if (error instanceof Error && !(error instanceof ApiError)) {
    return new ApiError('invalid-request', `The multipart body could not be read (${error.message}); send two CSV files named reference and current as multipart/form-data.`, { cause: error });
  }
  return undefined;
}

/** Reads the two CSV files of a multipart upload as text. */
export async function readUploadedCsvFiles(request: FastifyRequest, limit: number): Promise<UploadedCsvPair> {
  const files: Partial<Record<(typeof UPLOAD_PARTS)[number], string>> = {};
  try {
    for await (const part of request.parts()) {
      const name = part.fieldname as (typeof UPLOAD_PARTS)[number];
      if (part.type !== 'file') throw new ApiError('invalid-request', `The multipart body has a field "${part.fieldname}"; send only the files reference and current, and options in the query.`);
      if (!UPLOAD_PARTS.includes(name)) throw new ApiError('invalid-request', `The multipart body has a file named "${part.fieldname}"; name the two files reference and current.`);
      if (files[name] !== undefined) throw new ApiError('invalid-request', `The multipart body has the file "${name}" twice; send it once.`);
      files[name] = (await part.toBuffer()).toString('utf8');
    }
  } catch (error) {
    throw multipartError(error, limit) ?? error;
  }

  const missing = UPLOAD_PARTS.filter((name) => files[name] === undefined);
  if (missing.length > 0) throw new ApiError('invalid-request', `The multipart body has no file ${missing.join(' or ')}; send two CSV files named reference and current.`);
  return { reference: files.reference!, current: files.current! };
}

/** The request's media type without parameters, e.g. multipart/form-data. */
export function mediaTypeOf(request: FastifyRequest): string | undefined {
  return request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() || undefined;
}
