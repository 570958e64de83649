// First-start data: the development admin and the demo data set. Runs on every start and does nothing once done.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import type { Storage } from '../storage/database.js';
import { isUniqueViolation } from '../storage/database.js';
import { countUsers, insertUser } from '../storage/users.js';
import { hashPassword } from '../auth/passwords.js';
import type { Services } from '../services/index.js';
import { seedDemoData } from './demo.js';

export const DEVELOPMENT_USERNAME = 'user';
export const DEVELOPMENT_PASSWORD = 'password';

export interface SeedContext {
  storage: Storage;
  config: Readonly<Config>;
  services: Services;
  log: FastifyBaseLogger;
}

async function ensureDevelopmentAdmin({ storage, config, log }: SeedContext): Promise<void> {
  if (config.env === 'production' || (await countUsers(storage.db)) > 0) return;

  try {
    await insertUser(storage.db, { username: DEVELOPMENT_USERNAME, passwordHash: await hashPassword(DEVELOPMENT_PASSWORD), role: 'admin', now: new Date().toISOString() });
  } catch (error) {
    // Another instance created it first.
    if (isUniqueViolation(error)) return;
    throw error;
  }
  log.warn({ username: DEVELOPMENT_USERNAME }, `created the development admin "${DEVELOPMENT_USERNAME}" with the password "${DEVELOPMENT_PASSWORD}"; change it with POST /change-password`);
}

/** Claims the right to seed the demo data; only one instance of many starting together gets it. */
async function claimDemoSeeding(storage: Storage): Promise<boolean> {
  try {
    await storage.db.insertInto('settings').values({ key: 'demo_seeded_at', value: new Date().toISOString() }).execute();
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export async function seed(context: SeedContext): Promise<void> {
  await ensureDevelopmentAdmin(context);
  if (!context.config.seedDemoData || !(await claimDemoSeeding(context.storage))) return;

  const started = performance.now();
  try {
    await seedDemoData(context);
  } catch (error) {
    // Release the claim so the next start tries again rather than running with half the demo data.
    await context.storage.db.deleteFrom('settings').where('key', '=', 'demo_seeded_at').execute();
    throw error;
  }
  context.log.info({ ms: Math.round(performance.now() - started) }, 'seeded the demo data set');
}
