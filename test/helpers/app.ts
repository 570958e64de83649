// Builds a test app on a fresh database and sends requests through it, checking each response against openapi.yaml.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type BuildOptions } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { checkResponse } from './contract.js';
import tap from 'tap';
import { acquireTestDatabase, testEngine } from './engine.js';

export interface TestApp {
  app: FastifyInstance;
  config: Readonly<Config>;
  dataDir: string;
  /** Sends a request and fails the test if the response does not match openapi.yaml. */
  request(options: InjectOptions & { token?: string }): Promise<LightMyRequestResponse>;
  /** Logs in and returns the token. */
  login(username?: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'vision-test-')),
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
    ...overrides,
  };
}

// On PostgreSQL, apps started with the same DATA_DIR share one database, as they share a file on SQLite.
const databasesByDataDir = new Map<string, { database: { url: string; release(): Promise<void> }; users: number }>();

async function acquireDatabase(dataDir: string): Promise<{ url: string; release(): Promise<void> }> {
  let entry = databasesByDataDir.get(dataDir);
  if (!entry) {
    entry = { database: await acquireTestDatabase((fn) => tap.teardown(fn)), users: 0 };
    databasesByDataDir.set(dataDir, entry);
  }
  entry.users += 1;
  const current = entry;
  return {
    url: current.database.url,
    async release() {
      current.users -= 1;
      if (current.users > 0) return;
      databasesByDataDir.delete(dataDir);
      await current.database.release();
    },
  };
}

interface TapLike {
  teardown(fn: () => unknown): void;
  fail(message: string): void;
}

export async function startTestApp(t: TapLike, envOverrides: Record<string, string> = {}, options: BuildOptions = {}): Promise<TestApp> {
  const env = testEnv(envOverrides);
  // TEST_ENGINE=postgres gives each app a fresh PostgreSQL database unless the test passes DATABASE_URL or a storage.
  const database = testEngine() === 'postgres' && !env.DATABASE_URL && !options.storage ? await acquireDatabase(env.DATA_DIR!) : undefined;
  if (database) env.DATABASE_URL = database.url;
  const config = loadConfig(env);
  let app: FastifyInstance;
  try {
    app = await buildApp(config, options);
  } catch (error) {
    await database?.release();
    if (!envOverrides.DATA_DIR) rmSync(env.DATA_DIR!, { recursive: true, force: true });
    throw error;
  }

  const testApp: TestApp = {
    app,
    config,
    dataDir: config.dataDir,
    async request({ token, ...options }) {
      const headers = { ...(options.headers ?? {}) } as Record<string, string>;
      if (token) headers.authorization = `Bearer ${token}`;
      const response = await app.inject({ ...options, headers });
      const problem = checkResponse(String(options.method ?? 'GET'), String(options.url), response.statusCode, response.headers['content-type'] as string | undefined, response.body);
      if (problem) t.fail(`response does not match openapi.yaml: ${problem}`);
      return response;
    },
    async login(username = 'user', password = 'password') {
      const response = await testApp.request({ method: 'POST', url: '/login', payload: { username, password } });
      if (response.statusCode !== 200) throw new Error(`login as ${username} failed with ${response.statusCode}: ${response.body}`);
      return (response.json() as { token: string }).token;
    },
    async close() {
      await app.close();
    },
  };

  t.teardown(async () => {
    await app.close();
    await database?.release();
    if (!envOverrides.DATA_DIR) rmSync(env.DATA_DIR!, { recursive: true, force: true });
  });
  return testApp;
}
