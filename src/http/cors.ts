// CORS for the dashboard, which runs on another origin (a Vite dev server on localhost:5173, say) and sends Authorization.
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';

const LOOPBACK_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

export async function registerCors(app: FastifyInstance, config: Readonly<Config>): Promise<void> {
  const allowed = config.corsOrigins;
  await app.register(cors, {
    // Without CORS_ORIGINS, any loopback origin is allowed; production refuses to start without the list.
    origin: (origin, callback) => {
      if (!origin) return callback(null, true);
      if (allowed) return callback(null, allowed.includes('*') || allowed.includes(origin));
      return callback(null, LOOPBACK_ORIGIN.test(origin));
    },
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
    exposedHeaders: ['Link', 'Retry-After', 'Location'],
    maxAge: 600,
  });
}
