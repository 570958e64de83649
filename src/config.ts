// Reads and validates the service configuration. This is the only module that reads process.env.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync, chmodSync } from 'node:fs';
import path from 'node:path';

export type Environment = 'development' | 'test' | 'production';

export interface Config {
  env: Environment;
  host: string;
  /** TCP port. */
  port: number;
  /** Folder of the embedded database file and of the development JWT secret. */
  dataDir: string;
  /** `postgres://...` to use PostgreSQL; undefined for the embedded SQLite database. */
  databaseUrl: string | undefined;
  /** Maximum open connections in the PostgreSQL pool. */
  databasePoolSize: number;
  jwtSecret: string;
  /** Token lifetime in seconds; this is `expires_in`. */
  tokenTtlSeconds: number;
  jwtIssuer: string;
  jwtAudience: string;
  /** Exact origins allowed by CORS; undefined allows any loopback origin (development and test only). */
  corsOrigins: string[] | undefined;
  logLevel: string;
  /** Validate every response body against openapi.yaml and turn a mismatch into a 500. */
  validateResponses: boolean;
  /** Maximum request body size in bytes. */
  bodyLimitBytes: number;
  /** Maximum body size of drift uploads (POST /drift/reports, PUT /models/{id}/drift-profile) in bytes, per body or per uploaded file. */
  driftBodyLimitBytes: number;
  passwordMinLength: number;
  /** Seed the demo data set on first start. */
  seedDemoData: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function readInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;

  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}; got "${raw}".`);
  }
  return value;
}

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name} must be true or false; got "${raw}".`);
}

function readEnvironment(env: Env): Environment {
  const raw = env.NODE_ENV ?? 'development';
  if (raw === 'development' || raw === 'test' || raw === 'production') return raw;
  throw new ConfigError(`NODE_ENV must be development, test or production; got "${raw}".`);
}

function readCorsOrigins(env: Env): string[] | undefined {
  const raw = env.CORS_ORIGINS?.trim();
  if (!raw) return undefined;

  const origins = raw.split(',').map((origin) => origin.trim()).filter(Boolean);
  for (const origin of origins) {
    if (origin === '*') continue;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new ConfigError(`CORS_ORIGINS contains "${origin}", which is not a URL; list origins such as https://dashboard.example.com, separated by commas.`);
    }
    if (url.origin !== origin) {
      throw new ConfigError(`CORS_ORIGINS contains "${origin}"; write the bare origin ${url.origin} without a path or trailing slash.`);
    }
  }
  return origins;
}

// In development the secret is generated once and kept beside the database, so tokens survive restarts.
function readDevelopmentSecret(dataDir: string): string {
  const file = path.join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();

  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

function readJwtSecret(env: Env, environment: Environment, dataDir: string): string {
  const fromFile = env.JWT_SECRET_FILE;
  if (fromFile) {
    try {
      return readFileSync(fromFile, 'utf8').trim();
    } catch (error) {
      throw new ConfigError(`JWT_SECRET_FILE is ${fromFile}, which cannot be read (${(error as Error).message}); point it at a readable file.`);
    }
  }
  const secret = env.JWT_SECRET;
  if (secret) return secret;
  if (environment === 'production') {
    throw new ConfigError('JWT_SECRET is missing; set it (or JWT_SECRET_FILE) to a random value of at least 32 bytes, e.g. from `openssl rand -base64 48`.');
  }
  return readDevelopmentSecret(dataDir);
}

/** Builds the configuration from environment variables, throwing a ConfigError that names the variable to fix. */
export function loadConfig(env: Env = process.env): Readonly<Config> {
  const environment = readEnvironment(env);
  const dataDir = path.resolve(env.DATA_DIR || './data');

  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://; unset it to use the embedded SQLite database.');
  }

  const jwtSecret = readJwtSecret(env, environment, dataDir);
  if (Buffer.byteLength(jwtSecret) < 32) {
    throw new ConfigError('JWT_SECRET must be at least 32 bytes; set it to a random value, e.g. from `openssl rand -base64 48`.');
  }

  const logLevel = env.LOG_LEVEL || (environment === 'test' ? 'silent' : 'info');
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got "${logLevel}".`);
  }

  const config: Config = {
    env: environment,
    host: env.HOST || '127.0.0.1',
    port: readInteger(env, 'PORT', 8000, 0, 65535),
    dataDir,
    databaseUrl,
    databasePoolSize: readInteger(env, 'DATABASE_POOL_SIZE', 10, 1, 1000),
    jwtSecret,
    tokenTtlSeconds: readInteger(env, 'TOKEN_TTL_SECONDS', 3600, 60, 7 * 24 * 3600),
    jwtIssuer: env.JWT_ISSUER || 'vision-dashboard-api',
    jwtAudience: env.JWT_AUDIENCE || 'vision-dashboard',
    corsOrigins: readCorsOrigins(env),
    logLevel,
    validateResponses: readBoolean(env, 'VALIDATE_RESPONSES', environment !== 'production'),
    bodyLimitBytes: readInteger(env, 'BODY_LIMIT_BYTES', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    driftBodyLimitBytes: readInteger(env, 'DRIFT_BODY_LIMIT_BYTES', 64 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    passwordMinLength: readInteger(env, 'PASSWORD_MIN_LENGTH', 8, 8, 256),
    seedDemoData: readBoolean(env, 'SEED_DEMO_DATA', true),
  };
  return Object.freeze(config);
}
