// Builds a test app on a fresh database and sends requests through it, checking each response against openapi.yaml.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type BuildOptions } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { checkResponse } from './contract.js';

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

interface TapLike {
  teardown(fn: () => unknown): void;
  fail(message: string): void;
}

export async function startTestApp(t: TapLike, envOverrides: Record<string, string> = {}, options: BuildOptions = {}): Promise<TestApp> {
  const env = testEnv(envOverrides);
  const config = loadConfig(env);
  const app = await buildApp(config, options);

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
    if (!envOverrides.DATA_DIR) rmSync(env.DATA_DIR!, { recursive: true, force: true });
  });
  return testApp;
}
