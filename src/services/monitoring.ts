// Live health checks of what the API depends on; each runs when asked, nothing is cached.
import type { FastifyInstance } from 'fastify';
import { pingDatabase, type Storage } from '../storage/database.js';
import { signToken, verifyToken } from '../auth/tokens.js';

export interface ServiceCheck {
  service: string;
  status: 'healthy' | 'degraded' | 'down';
  last_checked: string;
  latency_ms: number;
  detail: string;
}

/** A round trip slower than this, in milliseconds, marks the database as degraded. */
export const DATABASE_DEGRADED_MS = 250;

function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

export function createMonitoringService(app: FastifyInstance, storage: Storage) {
  async function checkDatabase(): Promise<ServiceCheck> {
    const last_checked = new Date().toISOString();
    const started = performance.now();
    try {
      const latency = roundMs(await pingDatabase(storage));
      const status = latency > DATABASE_DEGRADED_MS ? 'degraded' : 'healthy';
      return { service: 'database', status, last_checked, latency_ms: latency, detail: `SELECT 1 on the ${storage.engine} database answered in ${latency} ms.` };
    } catch (error) {
      app.log.error({ err: error, engine: storage.engine }, 'database health check failed');
      return { service: 'database', status: 'down', last_checked, latency_ms: roundMs(performance.now() - started), detail: `SELECT 1 on the ${storage.engine} database failed: ${(error as Error).message}` };
    }
  }

  function checkTokenSigning(): ServiceCheck {
    const last_checked = new Date().toISOString();
    const started = performance.now();
    try {
      const probe = { id: 0, username: 'health-check', token_version: 0 };
      const claims = verifyToken(app, signToken(app, probe));
      const healthy = claims.sub === probe.username;
      return {
        service: 'token-signing',
        status: healthy ? 'healthy' : 'down',
        last_checked,
        latency_ms: roundMs(performance.now() - started),
        detail: healthy ? 'A token was signed and verified with HS256.' : 'A signed token did not verify to the same subject.',
      };
    } catch (error) {
      app.log.error({ err: error }, 'token signing health check failed');
      return { service: 'token-signing', status: 'down', last_checked, latency_ms: roundMs(performance.now() - started), detail: `Signing or verifying a token failed: ${(error as Error).message}` };
    }
  }

  return {
    async checkAll(): Promise<ServiceCheck[]> {
      return [await checkDatabase(), checkTokenSigning()];
    },

    async isReady(): Promise<boolean> {
      try {
        await pingDatabase(storage);
        return true;
      } catch (error) {
        app.log.warn({ err: error }, 'readiness check failed: the database did not respond');
        return false;
      }
    },
  };
}

export type MonitoringService = ReturnType<typeof createMonitoringService>;
