// Stores events worth a user's attention, lists them newest first, and keeps each user's read flags.
import type { Kysely } from 'kysely';
import { ApiError } from '../errors.js';
import type { Database } from '../storage/schema.js';
import type { Storage } from '../storage/database.js';
import { findNotification, insertNotification, listNotifications, markAllRead, markRead } from '../storage/notifications.js';

export interface NewNotification {
  kind: string;
  severity: 'info' | 'warning' | 'critical';
  title: string;
  message: string;
  modelId?: number | null;
  relatedId?: number | null;
  timestamp?: string;
}

export interface NotificationView {
  id: number;
  title: string;
  message: string;
  timestamp: string;
  kind: string;
  severity: 'info' | 'warning' | 'critical';
  model_id: number | null;
  related_id: number | null;
  read: boolean;
}

export function createNotificationService(storage: Storage) {
  return {
    /** Stores the event; pass a transaction as `db` to store it together with the change it reports. */
    record(event: NewNotification, db: Kysely<Database> = storage.db): Promise<number> {
      return insertNotification(db, {
        kind: event.kind,
        severity: event.severity,
        title: event.title,
        message: event.message,
        model_id: event.modelId ?? null,
        related_id: event.relatedId ?? null,
        timestamp: event.timestamp ?? new Date().toISOString(),
      });
    },

    async list(page: { userId: number; limit: number; unread?: boolean; after?: [string, number] }): Promise<NotificationView[]> {
      const rows = await listNotifications(storage.db, page);
      return rows.map((row) => ({
        id: row.id,
        title: row.title,
        message: row.message,
        timestamp: row.timestamp,
        kind: row.kind,
        severity: row.severity,
        model_id: row.model_id,
        related_id: row.related_id,
        read: row.read,
      }));
    },

    async markRead(id: number, userId: number): Promise<void> {
      if (!(await findNotification(storage.db, id))) throw new ApiError('not-found', `No notification has the id ${id}; list them with GET /notifications.`);
      await markRead(storage.db, id, userId, new Date().toISOString());
    },

    async markAllRead(userId: number): Promise<{ marked: number }> {
      return { marked: await markAllRead(storage.db, userId, new Date().toISOString()) };
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
