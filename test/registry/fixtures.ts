// Shared setup of the registry tests: an app without the demo data, a second user, and valid bodies.
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { startTestApp, type TestApp } from '../helpers/app.js';

type TapLike = Parameters<typeof startTestApp>[0];

export const STATS = {
  feature_names: ['tenure_months', 'monthly_spend'],
  coefficients: [-0.08, 0.02],
  feature_means: [21.5, 64.3],
  coefficient_variance: [0.0004, 0.0001],
};

export const STATS_V2 = {
  feature_names: ['tenure_months', 'monthly_spend'],
  coefficients: [-0.07, 0.03],
  feature_means: [22.1, 65.0],
  coefficient_variance: [0.0003, 0.0001],
};

export function modelBody(name = 'churn-classifier', extra: Record<string, unknown> = {}) {
  return { name, description: 'Predicts churn.', labels: ['classification'], tags: ['team-growth'], version: { stats: STATS, metrics: { accuracy: 0.87 } }, ...extra };
}

/** Starts an app on an empty database (no demo data) and logs in as the admin. */
export async function startEmptyApp(t: TapLike, env: Record<string, string> = {}): Promise<{ api: TestApp; admin: string }> {
  const api = await startTestApp(t, { SEED_DEMO_DATA: 'false', ...env });
  return { api, admin: await api.login() };
}

/** Creates a user with the role `user` and returns their token. */
export async function createUserToken(api: TestApp, adminToken: string, username = 'bob'): Promise<string> {
  const password = 'correct-horse-battery';
  const response = await api.request({ method: 'POST', url: '/users', token: adminToken, payload: { username, password } });
  if (response.statusCode !== 201) throw new Error(`creating ${username} failed with ${response.statusCode}: ${response.body}`);
  return api.login(username, password);
}

export async function registerModel(api: TestApp, token: string, name = 'churn-classifier'): Promise<number> {
  const response = await api.request({ method: 'POST', url: '/models', token, payload: modelBody(name) });
  if (response.statusCode !== 201) throw new Error(`registering ${name} failed with ${response.statusCode}: ${response.body}`);
  return response.json().id;
}

export const POSTGRES_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Creates a PostgreSQL database for one test and drops it at teardown; returns its URL. */
export async function createPostgresDatabase(t: TapLike & { teardown(fn: () => unknown): void }): Promise<string> {
  const name = `registry_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();

  t.teardown(async () => {
    const dropper = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropper.end();
  });
  return `postgres://postgres@127.0.0.1:5432/${name}`;
}

/** Extracts the URL of the rel="next" Link, or undefined on the last page. */
export function nextLink(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value ? /^<([^>]+)>; rel="next"$/.exec(value)?.[1] : undefined;
}
