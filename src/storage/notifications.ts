// Reads and writes notification rows and each user's read flags.
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Database, NotificationTable } from './schema.js';

export type NotificationRow = Selectable<NotificationTable>;
export type NotificationWithRead = NotificationRow & { read: boolean };

export async function insertNotification(db: Kysely<Database>, row: Insertable<NotificationTable>): Promise<number> {
  const inserted = await db.insertInto('notifications').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export interface NotificationPage {
  userId: number;
  limit: number;
  /** true: only unread by the user; false: only read; undefined: all. */
  unread?: boolean;
  /** The (timestamp, id) of the last row of the previous page. */
  after?: [string, number];
}

/** Lists notifications newest first (timestamp, then id), with the user's read flag. */
export async function listNotifications(db: Kysely<Database>, page: NotificationPage): Promise<NotificationWithRead[]> {
  let query = db
    .selectFrom('notifications')
    .leftJoin('notification_reads', (join) => join.onRef('notification_reads.notification_id', '=', 'notifications.id').on('notification_reads.user_id', '=', page.userId))
    .selectAll('notifications')
    .select(sql<number>`case when notification_reads.user_id is null then 0 else 1 end`.as('is_read'));
  if (page.unread === true) query = query.where('notification_reads.user_id', 'is', null);
  if (page.unread === false) query = query.where('notification_reads.user_id', 'is not', null);
  if (page.after) {
    const [timestamp, id] = page.after;
    query = query.where((eb) => eb.or([eb('notifications.timestamp', '<', timestamp), eb.and([eb('notifications.timestamp', '=', timestamp), eb('notifications.id', '<', id)])]));
  }

  const rows = await query.orderBy('notifications.timestamp', 'desc').orderBy('notifications.id', 'desc').limit(page.limit).execute();
  return rows.map(({ is_read, ...row }) => ({ ...row, read: Number(is_read) === 1 }));
}

export function findNotification(db: Kysely<Database>, id: number): Promise<NotificationRow | undefined> {
  return db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Marks one notification read for the user; marking it twice changes nothing. */
export async function markRead(db: Kysely<Database>, notificationId: number, userId: number, now: string): Promise<void> {
  await db
    .insertInto('notification_reads')
    .values({ notification_id: notificationId, user_id: userId, read_at: now })
    .onConflict((conflict) => conflict.columns(['user_id', 'notification_id']).doNothing())
    .execute();
}

/** Marks every notification the user has not read as read, in one statement; returns how many. */
export async function markAllRead(db: Kysely<Database>, userId: number, now: string): Promise<number> {
  const result = await db
    .insertInto('notification_reads')
    .columns(['notification_id', 'user_id', 'read_at'])
    .expression((eb) =>
      eb
        .selectFrom('notifications')
        .select(['notifications.id', eb.val(userId).as('user_id'), eb.val(now).as('read_at')])
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('notification_reads').select('notification_reads.user_id').whereRef('notification_reads.notification_id', '=', 'notifications.id').where('notification_reads.user_id', '=', userId)))),
    )
    .onConflict((conflict) => conflict.columns(['user_id', 'notification_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}
