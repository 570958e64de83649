// The preHandler that turns `Authorization: Bearer <token>` into the request's principal, or a 401.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';
import { verifyToken, type TokenClaims } from './tokens.js';
import { findUserForToken } from '../storage/users.js';
import type { Storage } from '../storage/database.js';

export interface Principal {
  id: number;
  username: string;
  role: 'admin' | 'user';
  tokenId: string;
  /** The token's `exp` claim, in seconds since the epoch. */
  tokenExpiresAt: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | undefined;
  }
}

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

function readBearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (header === undefined || header.trim() === '') {
    throw new ApiError('token-missing', 'No token was sent; log in with POST /login and send the header Authorization: Bearer <token>.');
  }
  const match = BEARER.exec(header.trim());
  if (!match?.[1]) {
    throw new ApiError('token-invalid', 'The Authorization header must be "Bearer" followed by a space and a JWT from POST /login.');
  }
  return match[1];
}

function translateVerifyError(error: unknown): ApiError {
  const code = (error as { code?: string }).code;
  if (code === 'FAST_JWT_EXPIRED') {
    return new ApiError('token-expired', 'The token has expired; log in again with POST /login.', { cause: error });
  }
  return new ApiError('token-invalid', 'The token is invalid (bad signature, algorithm, issuer, audience or claims); log in again with POST /login.', { cause: error });
}

/** `clockToleranceSeconds` is the skew allowed between instances, as for `exp`. */
export function createAuthenticator(app: FastifyInstance, storage: Storage, clockToleranceSeconds: number) {
  return async function authenticate(request: FastifyRequest): Promise<void> {
    const token = readBearerToken(request);

    let claims: TokenClaims;
    try {
      claims = verifyToken(app, token);
    } catch (error) {
      throw translateVerifyError(error);
    }
    if (!Number.isInteger(claims.uid) || !Number.isInteger(claims.ver) || typeof claims.jti !== 'string') {
      throw new ApiError('token-invalid', 'The token lacks the uid, ver or jti claim this API signs; log in again with POST /login.');
    }

    // The user and the revocation list are read on every request, so a password change, deletion or
    // logout on any instance takes effect on all of them at once.
    const user = await findUserForToken(storage.db, claims.uid, claims.jti);
    if (user?.revoked) {
      throw new ApiError('token-revoked', 'The token was revoked by POST /logout; log in again.');
    }
    // SQLite may give a deleted user's id to the next new user; a token older than the account is not its token.
    const createdAtSeconds = Math.floor(Date.parse(user?.created_at ?? '') / 1000);
    if (!user || user.username !== claims.sub || user.token_version !== claims.ver || claims.iat + clockToleranceSeconds < createdAtSeconds) {
      throw new ApiError('token-revoked', 'The token was revoked because the password changed or the user was deleted; log in again.');
    }
    request.principal = { id: user.id, username: user.username, role: user.role, tokenId: claims.jti, tokenExpiresAt: claims.exp };
  };
}

export function createAuthorizer(roles: string[]) {
  return async function authorize(request: FastifyRequest): Promise<void> {
    const role = request.principal?.role;
    if (roles.length > 0 && (!role || !roles.includes(role))) {
      throw new ApiError('forbidden', `This operation needs the role ${roles.join(' or ')}; your role is ${role ?? 'none'}. Ask an admin.`);
    }
  };
}
