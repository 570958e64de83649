// Accounts: login, user creation and password changes.
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.js';
import type { Config } from '../config.js';
import type { Storage } from '../storage/database.js';
import { isUniqueViolation } from '../storage/database.js';
import { findUserById, findUserByUsername, insertUser, listUsernames, updatePassword } from '../storage/users.js';
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
}

export function createUserService({ app, storage, config, notifications }: UserServiceDependencies) {
  return {
    async login(username: string, password: string): Promise<{ token: string; expires_in: number }> {
      const user = await findUserByUsername(storage.db, username);
      const valid = await verifyPassword(user?.password_hash, password);
      if (!user || !valid) {
        // One message for an unknown user and a wrong password, so the response reveals neither.
        throw new ApiError('invalid-credentials', 'The username or password is wrong; check both and try again.');
      }
      return { token: signToken(app, user), expires_in: config.tokenTtlSeconds };
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
