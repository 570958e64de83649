// Security headers on every response. The API serves JSON only, so its content security policy allows
// nothing. Swagger UI under /docs replaces it with its own policy (staticCSP in src/http/docs.ts), which
// allows scripts and styles from this origin; @fastify/swagger-ui 6 loads its initializer as a file, not inline.
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
    },
    // A JSON API has no use for being embedded or for cross-origin isolation headers that break the UI.
    crossOriginEmbedderPolicy: false,
  });
}
