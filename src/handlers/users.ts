import type { OperationHandler } from './types.js';
import { requirePrincipal } from './types.js';

export const listUsers: OperationHandler<'listUsers'> = async (_input, { services }) => services.users.listUsernames();

export const createUser: OperationHandler<'createUser'> = async ({ body }, context) => {
  await context.services.users.createUser(body, requirePrincipal(context));
  return { message: `User ${body.username} created.` };
};
