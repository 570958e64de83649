// Stores events worth a user's attention and lists them newest first.
import type { Kysely } from 'kysely';
import type { Storage } from '../storage/database.js';
import type { Database } from '../storage/schema.js';
import { insertNotification, listNotifications } from '../storage/notifications.js';

export interface NewNotification {
  kind: string;
  severity: 'info' | 'warning' | 'critical';
  title: string;
  message: string;
  modelId?: number | null;
  relatedId?: number | null;
  timestamp?: string;
}

/** Upper bound on the notifications one list returns. */
export const NOTIFICATION_LIST_LIMIT = 200;

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

    async list(): Promise<Array<{ id: number; title: string; message: string; timestamp: string; kind: string; severity: string }>> {
      const rows = await listNotifications(storage.db, NOTIFICATION_LIST_LIMIT);
      return rows.map((row) => ({ id: row.id, title: row.title, message: row.message, timestamp: row.timestamp, kind: row.kind, severity: row.severity }));
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
