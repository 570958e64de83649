// Keyset paging shared by every list operation: `limit` and an opaque `cursor`, with the next page in a Link header.
// A cursor contains the sort key of the last row sent, so rows inserted meanwhile never shift a page.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';

export type CursorKey = Array<string | number>;

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Decodes a cursor from a Link header; anything else is a 400 that names the parameter. */
export function decodeCursor(cursor: string | undefined, shape: Array<'string' | 'number'>): CursorKey | undefined {
  if (cursor === undefined) return undefined;

  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const valid = Array.isArray(key) && key.length === shape.length && key.every((value, index) => typeof value === shape[index] && (typeof value !== 'number' || Number.isFinite(value)));
  if (!valid) {
    throw new ApiError('invalid-request', 'querystring/cursor is not a cursor this list issued; pass the cursor from the rel="next" Link of the previous page, or leave it out for the first page.');
  }
  return key as CursorKey;
}

/**
 * Trims the extra row fetched to learn whether another page exists, and sets the Link header to it.
 * Callers fetch `limit + 1` rows.
 */
export function finishPage<Row>(request: FastifyRequest, reply: FastifyReply, rows: Row[], limit: number, keyOf: (row: Row) => CursorKey): Row[] {
  if (rows.length <= limit) return rows;

  const page = rows.slice(0, limit);
  const url = new URL(request.url, 'http://placeholder');
  url.searchParams.set('limit', String(limit));
  url.searchParams.set('cursor', encodeCursor(keyOf(page[page.length - 1]!)));
  reply.header('link', `<${url.pathname}${url.search}>; rel="next"`);
  return page;
}
