import type { OperationHandler } from './types.js';
import { requirePrincipal } from './types.js';

export const listUsers: OperationHandler<'listUsers'> = async (_input, { services }) => services.users.listUsernames();

export const createUser: OperationHandler<'createUser'> = async ({ body }, context) => {
  await context.services.users.createUser(body, requirePrincipal(context));
  return { message: `User ${body.username} created.` };
};

export const updateUser: OperationHandler<'updateUser'> = async ({ params, body }, context) => context.services.users.updateUserRole(params.username, body.role, requirePrincipal(context));

export const deleteUser: OperationHandler<'deleteUser'> = async ({ params }, context) => {
  await context.services.users.deleteUser(params.username, requirePrincipal(context));
  return undefined;
};
