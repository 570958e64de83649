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

export type AdminChangeResult = 'done' | 'not-found' | 'last-admin';

/**
 * Runs `change` on the user in a transaction that first locks every admin row, so two requests that
 * each remove a different admin (on one instance or several) cannot together remove the last one.
 * The no-op UPDATE takes row locks on PostgreSQL and the write lock on SQLite, the same code on both.
 */
async function changeUserGuardingLastAdmin(db: Kysely<Database>, username: string, removesAdmin: (user: UserRow) => boolean, change: (trx: Kysely<Database>, user: UserRow) => Promise<void>): Promise<AdminChangeResult> {
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set((eb) => ({ updated_at: eb.ref('updated_at') })).where('role', '=', 'admin').execute();

    const user = await findUserByUsername(trx, username);
    if (!user) return 'not-found';
    if (removesAdmin(user)) {
      const admins = await trx.selectFrom('users').select((eb) => eb.fn.countAll<number | string>().as('count')).where('role', '=', 'admin').executeTakeFirstOrThrow();
      if (Number(admins.count) <= 1) return 'last-admin';
    }
    await change(trx, user);
    return 'done';
  });
}

export function deleteUser(db: Kysely<Database>, username: string): Promise<AdminChangeResult> {
  return changeUserGuardingLastAdmin(
    db,
    username,
    (user) => user.role === 'admin',
    async (trx, user) => {
      await trx.deleteFrom('users').where('id', '=', user.id).execute();
    },
  );
}

export function updateUserRole(db: Kysely<Database>, username: string, role: 'admin' | 'user', now: string): Promise<AdminChangeResult> {
  return changeUserGuardingLastAdmin(
    db,
    username,
    (user) => user.role === 'admin' && role !== 'admin',
    async (trx, user) => {
      await trx.updateTable('users').set({ role, updated_at: now }).where('id', '=', user.id).execute();
    },
  );
}

/** Lists the admins, oldest first. */
export async function listAdmins(db: Kysely<Database>): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().where('role', '=', 'admin').orderBy('id').execute();
}

/**
 * Reads a token's user and whether the token id was revoked, in one query: the authenticate hook runs
 * it on every request.
 */
export async function findUserForToken(db: Kysely<Database>, userId: number, jti: string): Promise<(UserRow & { revoked: boolean }) | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll('users')
    .select((eb) => eb.exists(eb.selectFrom('revoked_tokens').select('revoked_tokens.jti').where('revoked_tokens.jti', '=', jti)).as('revoked'))
    .where('users.id', '=', userId)
    .executeTakeFirst();
  // SQLite returns EXISTS as 0 or 1, PostgreSQL as a boolean.
  return row ? { ...row, revoked: Boolean(row.revoked) } : undefined;
}
