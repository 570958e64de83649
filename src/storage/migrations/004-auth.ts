// Revoked tokens: POST /logout stores the token's jti until the token would have expired anyway.
import type { Kysely } from 'kysely';
import type { Engine } from './columns.js';

export function up(_engine: Engine) {
  return async (db: Kysely<unknown>): Promise<void> => {
    await db.schema
      .createTable('revoked_tokens')
      .addColumn('jti', 'varchar(64)', (column) => column.primaryKey())
      .addColumn('user_id', 'integer', (column) => column.notNull())
      .addColumn('expires_at', 'varchar(32)', (column) => column.notNull())
      .execute();
    await db.schema.createIndex('revoked_tokens_expires_at').on('revoked_tokens').column('expires_at').execute();
  };
}
