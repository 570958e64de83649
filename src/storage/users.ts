// Reads and writes user rows.
import type { Kysely } from 'kysely';
import type { Database, UserTable } from './schema.js';
import type { Selectable } from 'kysely';

export type UserRow = Selectable<UserTable>;

export function findUserByUsername(db: Kysely<Database>, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(db: Kysely<Database>, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listUsernames(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('users').select('username').orderBy('username').execute();
  return rows.map((row) => row.username);
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number | string>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function insertUser(db: Kysely<Database>, user: { username: string; passwordHash: string; role: 'admin' | 'user'; now: string }): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({ username: user.username, password_hash: user.passwordHash, role: user.role, token_version: 0, created_at: user.now, updated_at: user.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Stores a new password hash and bumps the token version, which revokes every earlier token,
 * but only if the version is still the one the caller read, so two concurrent changes cannot both win.
 */
export async function updatePassword(db: Kysely<Database>, user: { id: number; expectedTokenVersion: number; passwordHash: string; now: string }): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ password_hash: user.passwordHash, token_version: user.expectedTokenVersion + 1, updated_at: user.now })
    .where('id', '=', user.id)
    .where('token_version', '=', user.expectedTokenVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
