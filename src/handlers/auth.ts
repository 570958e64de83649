import type { OperationHandler } from './types.js';
import { requirePrincipal } from './types.js';

export const login: OperationHandler<'login'> = async ({ body }, { services }) => {
  const { token, expires_in } = await services.users.login(body.username, body.password);
  return { token, expires_in, token_type: 'Bearer' };
};

export const changePassword: OperationHandler<'changePassword'> = async ({ body }, context) => {
  await context.services.users.changePassword(requirePrincipal(context), body.old_password, body.new_password);
  return { message: 'Password changed. Tokens issued before now no longer work; log in again.' };
};
