// Handlers of the notification list and the caller's read flags.
import type { OperationHandler } from './types.js';
import { requirePrincipal } from './types.js';
import { decodeCursor, finishPage } from '../http/paging.js';
import { DEFAULT_PAGE_LIMIT } from './page.js';

export const listNotifications: OperationHandler<'listNotifications'> = async ({ query }, context) => {
  const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
  const after = decodeCursor(query.cursor, ['string', 'number']) as [string, number] | undefined;
  const rows = await context.services.notifications.list({ userId: requirePrincipal(context).id, limit: limit + 1, unread: query.unread, after });
  return finishPage(context.request, context.reply, rows, limit, (row) => [row.timestamp, row.id]);
};

export const markNotificationRead: OperationHandler<'markNotificationRead'> = async ({ params }, context) => {
  await context.services.notifications.markRead(params.id, requirePrincipal(context).id);
  return undefined;
};

export const markAllNotificationsRead: OperationHandler<'markAllNotificationsRead'> = async (_input, context) =>
  context.services.notifications.markAllRead(requirePrincipal(context).id);
