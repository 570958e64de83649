// First-start data: the first admin (from ADMIN_USERNAME, or the development one) and the demo data set. Runs on every start and does nothing once done.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import type { Storage } from '../storage/database.js';
import { isUniqueViolation } from '../storage/database.js';
import { countUsers, insertUser, listAdmins } from '../storage/users.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { checkPasswordPolicy } from '../auth/password-policy.js';
import { ApiError } from '../errors.js';
import { ConfigError } from '../config.js';
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

/** Creates the admin from ADMIN_USERNAME and ADMIN_PASSWORD when the database has no user yet. */
async function ensureInitialAdmin({ storage, config, log }: SeedContext, admin: { username: string; password: string }): Promise<void> {
  try {
    checkPasswordPolicy(admin.password, admin.username, config.passwordMinLength, 'ADMIN_PASSWORD');
  } catch (error) {
    if (error instanceof ApiError) throw new ConfigError(`${error.message} Set ADMIN_PASSWORD (or ADMIN_PASSWORD_FILE) to a stronger password.`);
    throw error;
  }
  try {
    await insertUser(storage.db, { username: admin.username, passwordHash: await hashPassword(admin.password), role: 'admin', now: new Date().toISOString() });
  } catch (error) {
    // Another instance created it first.
    if (isUniqueViolation(error)) return;
    throw error;
  }
  log.info({ username: admin.username }, 'created the first admin from ADMIN_USERNAME');
}

/** Rejects a production start while an admin can still log in with the development password. */
async function checkNoDevelopmentPassword({ storage }: SeedContext): Promise<void> {
  for (const admin of await listAdmins(storage.db)) {
    if (await verifyPassword(admin.password_hash, DEVELOPMENT_PASSWORD)) {
      throw new ConfigError(`The admin ${admin.username} still has the development password "${DEVELOPMENT_PASSWORD}"; change it with POST /change-password (outside production) before starting with NODE_ENV=production.`);
    }
  }
}

async function ensureFirstUser(context: SeedContext): Promise<void> {
  const { storage, config, log } = context;
  if ((await countUsers(storage.db)) > 0) return;

  if (config.initialAdmin) return ensureInitialAdmin(context, config.initialAdmin);
  if (config.env === 'production') {
    throw new ConfigError('The database has no user; set ADMIN_USERNAME and ADMIN_PASSWORD (or ADMIN_PASSWORD_FILE) to create the first admin.');
  }

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
  await ensureFirstUser(context);
  if (context.config.env === 'production') await checkNoDevelopmentPassword(context);
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
