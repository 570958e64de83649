// Signs and verifies the API's JWTs. The algorithm is pinned to HS256 and `exp`, `iat` and `sub` are required.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

export const TOKEN_ALGORITHM = 'HS256';

export interface TokenClaims {
  sub: string;
  /** The user's id. */
  uid: number;
  /** The user's token version when the token was signed; a password change bumps it. */
  ver: number;
  jti: string;
  iat: number;
  exp: number;
}

export function signToken(app: FastifyInstance, user: { id: number; username: string; token_version: number }): string {
  return app.jwt.sign({ uid: user.id, ver: user.token_version, jti: randomUUID() }, { sub: user.username });
}

export function verifyToken(app: FastifyInstance, token: string): TokenClaims {
  return app.jwt.verify<TokenClaims>(token);
}
