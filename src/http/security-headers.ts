// Security headers on every response. The API serves JSON only, so its content security policy allows
// nothing; Swagger UI under /docs replaces it with its own policy (staticCSP in src/http/docs.ts),
// which allows the UI's scripts and styles from this origin and the hashes of its inline code.
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
