// Reads and writes notification rows.
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, NotificationTable } from './schema.js';

export type NotificationRow = Selectable<NotificationTable>;

export async function insertNotification(db: Kysely<Database>, row: Insertable<NotificationTable>): Promise<number> {
  const inserted = await db.insertInto('notifications').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export function listNotifications(db: Kysely<Database>, limit: number): Promise<NotificationRow[]> {
  return db.selectFrom('notifications').selectAll().orderBy('timestamp', 'desc').orderBy('id', 'desc').limit(limit).execute();
}
