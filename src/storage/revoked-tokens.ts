// Reads and writes revoked token ids (the `jti` claim).
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Stores a revoked token id; revoking the same token twice is not an error. */
export async function revokeToken(db: Kysely<Database>, token: { jti: string; userId: number; expiresAt: string }): Promise<void> {
  await db
    .insertInto('revoked_tokens')
    .values({ jti: token.jti, user_id: token.userId, expires_at: token.expiresAt })
    .onConflict((conflict) => conflict.column('jti').doNothing())
    .execute();
}

/** Deletes the rows of tokens that have expired, which no longer need to be remembered; returns how many. */
export async function purgeExpiredRevocations(db: Kysely<Database>, now: string): Promise<number> {
  const result = await db.deleteFrom('revoked_tokens').where('expires_at', '<', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
