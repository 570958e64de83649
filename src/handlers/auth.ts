import type { OperationHandler } from './types.js';
import { requirePrincipal } from './types.js';

export const login: OperationHandler<'login'> = async ({ body }, { services, request }) => {
  // request.ip is the client behind the load balancer when TRUST_PROXY names it.
  const { token, expires_in } = await services.users.login(body.username, body.password, request.ip);
  return { token, expires_in, token_type: 'Bearer' };
};

export const changePassword: OperationHandler<'changePassword'> = async ({ body }, context) => {
  await context.services.users.changePassword(requirePrincipal(context), body.old_password, body.new_password);
  return { message: 'Password changed. Tokens issued before now no longer work; log in again.' };
};

export const logout: OperationHandler<'logout'> = async (_input, context) => {
  await context.services.users.logout(requirePrincipal(context));
  return undefined;
};

export const getCurrentUser: OperationHandler<'getCurrentUser'> = async (_input, context) => context.services.users.getCurrentUser(requirePrincipal(context));
