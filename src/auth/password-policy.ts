// The rules a new password must meet, checked beyond the schema's length limits.
import { ApiError } from '../errors.js';
import { COMMON_PASSWORDS } from './common-passwords.js';

export const PASSWORD_MAX_LENGTH = 256;

export function checkPasswordPolicy(password: string, username: string, minLength: number, field: string): void {
  const length = [...password].length;
  if (length < minLength) {
    throw new ApiError('weak-password', `${field} must be at least ${minLength} characters long; it has ${length}.`);
  }
  if (length > PASSWORD_MAX_LENGTH) {
    throw new ApiError('weak-password', `${field} must be at most ${PASSWORD_MAX_LENGTH} characters long; it has ${length}.`);
  }
  if (password.toLowerCase() === username.toLowerCase()) {
    throw new ApiError('weak-password', `${field} must not be the username; choose a passphrase of unrelated words.`);
  }
  if (COMMON_PASSWORDS.has(password.toLowerCase())) {
    throw new ApiError('weak-password', `${field} is one of the most common passwords and would be guessed first; choose a passphrase of unrelated words.`);
  }
}
