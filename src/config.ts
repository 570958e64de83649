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
  /** 32-byte AES-256-GCM key that encrypts connector secrets at rest. */
  connectorSecretKey: Buffer;
  /** Seconds of clock difference tolerated when checking a token's `exp`, `iat` and `nbf`. */
  clockToleranceSeconds: number;
  /** Milliseconds a client has to send a whole request; also the idle timeout of a connection. */
  requestTimeoutMs: number;
  /** Milliseconds that requests in flight get to finish after SIGTERM or SIGINT. */
  shutdownGraceMs: number;
  /** Fastify's trustProxy: false, true, a hop count, or a list of addresses and CIDR ranges. */
  trustProxy: boolean | number | string[];
  /** `redis://...` to share login rate-limit counters between instances; undefined keeps them in memory. */
  redisUrl: string | undefined;
  /** Prefix of every Redis key the rate limiter writes. */
  rateLimitPrefix: string;
  /** Login attempts allowed per client address within one window. */
  loginMaxAttemptsPerIp: number;
  /** Login attempts allowed per username within one window. */
  loginMaxAttemptsPerUsername: number;
  loginWindowSeconds: number;
  /** The admin created when the database has no user; both undefined when not set. */
  initialAdmin: { username: string; password: string } | undefined;
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

/** Publicly known example secrets that production rejects even when they are long enough. */
export const KNOWN_DEFAULT_SECRETS: ReadonlySet<string> = new Set([
  'secret', 'changeme', 'change-me', 'changeit', 'your-256-bit-secret', 'your-secret-key', 'your_jwt_secret',
  'supersecret', 'super-secret', 'jwt-secret', 'jwt_secret', 'mysecret', 'my-secret', 'development', 'test',
  'please-change-this-secret-in-production', 'change-this-to-a-long-random-secret-value',
]);

function checkProductionSecret(secret: string): void {
  if (KNOWN_DEFAULT_SECRETS.has(secret.toLowerCase())) {
    throw new ConfigError('JWT_SECRET is a publicly known example value; set it (or JWT_SECRET_FILE) to a random value of at least 32 bytes, e.g. from `openssl rand -base64 48`.');
  }
  // A value such as 40 times "x" passes the length check but has almost no entropy.
  if (new Set(secret).size < 8) {
    throw new ConfigError('JWT_SECRET has fewer than 8 distinct characters, so it is not random; set it to a value from `openssl rand -base64 48`.');
  }
}

function readTrustProxy(env: Env): boolean | number | string[] {
  const raw = env.TRUST_PROXY?.trim();
  if (!raw || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return readInteger(env, 'TRUST_PROXY', 0, 1, 100);
  const addresses = raw.split(',').map((address) => address.trim()).filter(Boolean);
  for (const address of addresses) {
    if (!/^[0-9A-Fa-f.:]+(\/\d{1,3})?$/.test(address)) {
      throw new ConfigError(`TRUST_PROXY contains "${address}"; use true, false, a hop count, or addresses and CIDR ranges such as 10.0.0.0/8, separated by commas.`);
    }
  }
  return addresses;
}

function readSecretSetting(env: Env, name: string): string | undefined {
  const file = env[`${name}_FILE`];
  if (file) {
    try {
      return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      throw new ConfigError(`${name}_FILE is ${file}, which cannot be read (${(error as Error).message}); point it at a readable file.`);
    }
  }
  return env[name] || undefined;
}

function readInitialAdmin(env: Env): { username: string; password: string } | undefined {
  const username = env.ADMIN_USERNAME?.trim();
  const password = readSecretSetting(env, 'ADMIN_PASSWORD');
  if (!username && password === undefined) return undefined;
  if (!username) throw new ConfigError('ADMIN_PASSWORD is set but ADMIN_USERNAME is not; set both, or neither.');
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/.test(username)) {
    throw new ConfigError(`ADMIN_USERNAME "${username}" is invalid; use 3 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit.`);
  }
  if (password === undefined) throw new ConfigError('ADMIN_USERNAME is set but ADMIN_PASSWORD (or ADMIN_PASSWORD_FILE) is not; set the first admin\'s password.');
  return { username, password };
}

function checkProductionCors(origins: string[] | undefined): void {
  if (!origins) {
    throw new ConfigError('CORS_ORIGINS is not set; list the dashboard origins, e.g. https://dashboard.example.com, separated by commas.');
  }
  if (origins.includes('*')) {
    throw new ConfigError('CORS_ORIGINS contains "*", which lets any web site call the API with a user\'s token; list the dashboard origins instead.');
  }
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

// Like the JWT secret: generated once beside the database in development and test, so stored secrets stay readable.
function readDevelopmentConnectorKey(dataDir: string): string {
  const file = path.join(dataDir, 'connector-secret-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();

  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64');
  writeFileSync(file, key + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return key;
}

/** Reads CONNECTOR_SECRET_KEY: 32 bytes written as 64 hex digits or as base64. */
function readConnectorSecretKey(env: Env, environment: Environment, dataDir: string): Buffer {
  let raw = env.CONNECTOR_SECRET_KEY?.trim();
  if (!raw) {
    if (environment === 'production') {
      throw new ConfigError('CONNECTOR_SECRET_KEY is missing; set it to 32 random bytes in base64 or hex, e.g. from `openssl rand -base64 32`.');
    }
    raw = readDevelopmentConnectorKey(dataDir);
  }

  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32 || (!/^[0-9a-fA-F]{64}$/.test(raw) && !/^[A-Za-z0-9+/_-]+={0,2}$/.test(raw))) {
    throw new ConfigError(`CONNECTOR_SECRET_KEY must be 32 bytes in base64 or 64 hex digits; it decodes to ${key.length} bytes. Generate one with \`openssl rand -base64 32\`.`);
  }
  return key;
}

function readRedisUrl(env: Env): string | undefined {
  const url = env.REDIS_URL || undefined;
  if (url && !/^rediss?:\/\//.test(url)) {
    throw new ConfigError('REDIS_URL must start with redis:// or rediss://; unset it to keep rate-limit counters in memory.');
  }
  return url;
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
  if (environment === 'production') checkProductionSecret(jwtSecret);
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
    connectorSecretKey: readConnectorSecretKey(env, environment, dataDir),
    clockToleranceSeconds: readInteger(env, 'CLOCK_TOLERANCE_SECONDS', 30, 0, 300),
    requestTimeoutMs: readInteger(env, 'REQUEST_TIMEOUT_MS', 30_000, 1000, 600_000),
    shutdownGraceMs: readInteger(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    trustProxy: readTrustProxy(env),
    redisUrl: readRedisUrl(env),
    rateLimitPrefix: env.RATE_LIMIT_PREFIX || 'vision:rate-limit:',
    loginMaxAttemptsPerIp: readInteger(env, 'LOGIN_MAX_ATTEMPTS_PER_IP', 100, 1, 1_000_000),
    loginMaxAttemptsPerUsername: readInteger(env, 'LOGIN_MAX_ATTEMPTS_PER_USERNAME', 10, 1, 1_000_000),
    loginWindowSeconds: readInteger(env, 'LOGIN_WINDOW_SECONDS', 900, 1, 24 * 3600),
    initialAdmin: readInitialAdmin(env),
  };
  if (environment === 'production') checkProductionCors(config.corsOrigins);
  return Object.freeze(config);
}
