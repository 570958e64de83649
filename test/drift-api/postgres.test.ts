// The drift storage on PostgreSQL: a database of its own, dropped at the end. Skipped when no server accepts connections on 127.0.0.1:5432.
import t from 'tap';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { startTestApp } from '../helpers/app.js';
import { buildProfile, countCurrent } from '../../src/drift/index.js';
import { uniformValues } from './support.js';

const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

async function createDatabase(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
  } catch {
    return undefined;
  }
  const name = `drift_test_${randomBytes(6).toString('hex')}`;
  await client.query(`create database ${name}`);
  await client.end();
  return name;
}

async function dropDatabase(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  await client.query(`drop database if exists ${name} with (force)`);
  await client.end();
}

t.test('drift reports and profiles on PostgreSQL', async (t) => {
  const database = await createDatabase();
  if (!database) {
    t.comment('skipped: PostgreSQL refused the connection on 127.0.0.1:5432');
    return;
  }
  t.teardown(() => dropDatabase(database));
  const api = await startTestApp(t, { DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${database}` });
  const token = await api.login();
  const reference = { x: uniformValues(200, 31), colour: Array.from({ length: 200 }, (_, i) => ['a', 'b', 'c'][i % 3]!) };
  const current = { x: uniformValues(200, 32, 0.4), colour: Array.from({ length: 200 }, (_, i) => ['a', 'c'][i % 2]!) };

  const created = await api.request({ method: 'POST', url: '/drift/reports', token, payload: { model_id: 1, reference, current } });
  const replaced = await api.request({ method: 'PUT', url: '/models/1/drift-profile', token, payload: { reference, bins: 5 } });
  const counted = await api.request({ method: 'POST', url: '/drift/reports', token, payload: { model_id: 1, counts: countCurrent(buildProfile(reference, { bins: 5 }), current) } });
  const page = await api.request({ method: 'GET', url: '/drift/reports?model_id=1&limit=1', token });
  const next = await api.request({ method: 'GET', url: /<([^>]+)>/.exec(String(page.headers.link))![1]!, token });

  t.equal(created.statusCode, 201);
  t.equal(created.json().drift_detected, true);
  t.equal(replaced.statusCode, 200, 'the second write of the profile replaces the first');
  t.equal(replaced.json().report_id, null);
  t.equal(counted.statusCode, 201);
  t.same(page.json().map((report: { id: number }) => report.id), [counted.json().id]);
  t.same(next.json().map((report: { id: number }) => report.id), [created.json().id]);
  const notifications = await api.request({ method: 'GET', url: '/notifications', token });
  t.match(notifications.json()[0].message, /^Drift in penguin-species-classifier: drift score 1\.00/);
});
