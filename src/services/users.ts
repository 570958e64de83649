// Accounts: login, user creation and password changes.
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.js';
import type { Config } from '../config.js';
import type { Storage } from '../storage/database.js';
import { isUniqueViolation } from '../storage/database.js';
import { deleteUser, findUserById, findUserByUsername, insertUser, listUsernames, updatePassword, updateUserRole, type AdminChangeResult } from '../storage/users.js';
import { purgeExpiredRevocations, revokeToken } from '../storage/revoked-tokens.js';
import type { LoginRateLimiter } from '../auth/login-rate-limit.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { checkPasswordPolicy } from '../auth/password-policy.js';
import { signToken } from '../auth/tokens.js';
import type { Principal } from '../auth/authenticate.js';
import type { NotificationService } from './notifications.js';

export interface UserServiceDependencies {
  app: FastifyInstance;
  storage: Storage;
  config: Readonly<Config>;
  notifications: NotificationService;
  loginRateLimiter: LoginRateLimiter;
}

function throwUnlessDone(result: AdminChangeResult, username: string, action: string): void {
  if (result === 'not-found') throw new ApiError('not-found', `No user is named ${username}; list the users with GET /users.`);
  if (result === 'last-admin') throw new ApiError('last-admin', `${username} is the last admin, so ${action} would leave nobody to manage users; make another user an admin first.`);
}

export function createUserService({ app, storage, config, notifications, loginRateLimiter }: UserServiceDependencies) {
  return {
    /** Checks the credentials and signs a token; `clientAddress` is the request's IP address, for rate limiting. */
    async login(username: string, password: string, clientAddress: string): Promise<{ token: string; expires_in: number }> {
      await loginRateLimiter.checkAttempt(clientAddress, username);
      const user = await findUserByUsername(storage.db, username);
      const valid = await verifyPassword(user?.password_hash, password);
      if (!user || !valid) {
        // One message for an unknown user and a wrong password, so the response reveals neither.
        throw new ApiError('invalid-credentials', 'The username or password is wrong; check both and try again.');
      }
      await loginRateLimiter.recordSuccess(username);
      return { token: signToken(app, user), expires_in: config.tokenTtlSeconds };
    },

    /** Revokes the principal's current token on every instance, and purges revocations that have expired. */
    async logout(principal: Principal): Promise<void> {
      await revokeToken(storage.db, { jti: principal.tokenId, userId: principal.id, expiresAt: new Date(principal.tokenExpiresAt * 1000).toISOString() });
      // Each logout purges, so the table contains only tokens that could still be valid (plus those expired since).
      await purgeExpiredRevocations(storage.db, new Date().toISOString());
    },

    async getCurrentUser(principal: Principal): Promise<{ username: string; role: 'admin' | 'user' }> {
      return { username: principal.username, role: principal.role };
    },

    async deleteUser(username: string, admin: Principal): Promise<void> {
      if (username === admin.username) {
        throw new ApiError('self-deletion', 'Admins cannot delete their own account; ask another admin to do it.');
      }
      throwUnlessDone(await deleteUser(storage.db, username), username, 'deleting them');
      await notifications.record({ kind: 'user_deleted', severity: 'info', title: 'User deleted', message: `${admin.username} deleted the user ${username}.` });
    },

    async updateUserRole(username: string, role: 'admin' | 'user', admin: Principal): Promise<{ username: string; role: 'admin' | 'user' }> {
      throwUnlessDone(await updateUserRole(storage.db, username, role, new Date().toISOString()), username, 'demoting them');
      await notifications.record({ kind: 'user_role_changed', severity: 'info', title: 'User role changed', message: `${admin.username} gave ${username} the role ${role}.` });
      return { username, role };
    },

    listUsernames(): Promise<string[]> {
      return listUsernames(storage.db);
    },

    async createUser(input: { username: string; password: string; role?: 'admin' | 'user' }, creator: Principal): Promise<void> {
      checkPasswordPolicy(input.password, input.username, config.passwordMinLength, 'password');
      const passwordHash = await hashPassword(input.password);

      try {
        await insertUser(storage.db, { username: input.username, passwordHash, role: input.role ?? 'user', now: new Date().toISOString() });
      } catch (error) {
        // The unique index decides, so two instances creating the same name at once give one 201 and one 409.
        if (isUniqueViolation(error)) throw new ApiError('username-taken', `The username ${input.username} is taken; choose another.`, { cause: error });
        throw error;
      }
      await notifications.record({
        kind: 'user_created',
        severity: 'info',
        title: 'User created',
        message: `${creator.username} created the user ${input.username} with the role ${input.role ?? 'user'}.`,
      });
    },

    async changePassword(principal: Principal, oldPassword: string, newPassword: string): Promise<void> {
      const user = await findUserById(storage.db, principal.id);
      if (!user) throw new ApiError('token-revoked', 'The user of this token no longer exists; log in again.');

      if (!(await verifyPassword(user.password_hash, oldPassword))) {
        throw new ApiError('wrong-password', 'old_password is wrong; enter your current password.');
      }
      if (oldPassword === newPassword) {
        throw new ApiError('weak-password', 'new_password must differ from old_password.');
      }
      checkPasswordPolicy(newPassword, user.username, config.passwordMinLength, 'new_password');

      const passwordHash = await hashPassword(newPassword);
      const updated = await updatePassword(storage.db, { id: user.id, expectedTokenVersion: user.token_version, passwordHash, now: new Date().toISOString() });
      if (!updated) {
        throw new ApiError('token-revoked', 'The password was changed by another request meanwhile, which revoked this token; log in again.');
      }
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
