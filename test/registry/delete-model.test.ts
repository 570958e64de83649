import t, { type Test } from 'tap';
import type { TestApp } from '../helpers/app.js';
import { STATS_V2, createPostgresDatabase, createUserToken, registerModel, startEmptyApp } from './fixtures.js';

/** Stores one row of every kind that belongs to the model: versions, an alias and its history, a drift report, metric points. */
async function fillModel(api: TestApp, token: string, id: number): Promise<void> {
  await api.request({ method: 'POST', url: `/models/${id}/versions`, token, payload: { stats: STATS_V2 } });
  await api.request({ method: 'PUT', url: `/models/${id}/aliases/production`, token, payload: { version: 2 } });
  await api.request({ method: 'POST', url: '/business-metrics', token, payload: { points: [{ metric: 'performance', timestamp: '2026-01-01T00:00:00Z', value: 90, model_id: id }] } });
  await api.app.storage.db
    .insertInto('drift_reports')
    .values({ model_id: id, drift_score: 0.5, drift_detected: 1, drift_share: 0.5, details: '{}', features: '[]', created_by: 'user', created_at: new Date().toISOString() })
    .execute();
}

async function countRows(api: TestApp, id: number): Promise<Record<string, number>> {
  const db = api.app.storage.db;
  return {
    models: (await db.selectFrom('models').select('id').where('id', '=', id).execute()).length,
    model_versions: (await db.selectFrom('model_versions').select('id').where('model_id', '=', id).execute()).length,
    model_aliases: (await db.selectFrom('model_aliases').select('alias').where('model_id', '=', id).execute()).length,
    model_alias_history: (await db.selectFrom('model_alias_history').select('id').where('model_id', '=', id).execute()).length,
    drift_reports: (await db.selectFrom('drift_reports').select('id').where('model_id', '=', id).execute()).length,
    metric_points: (await db.selectFrom('metric_points').select('id').where('model_key', '=', id).execute()).length,
  };
}

const EMPTY = { models: 0, model_versions: 0, model_aliases: 0, model_alias_history: 0, drift_reports: 0, metric_points: 0 };

async function checkDeleteLeavesNoOrphans(t: Test, api: TestApp, admin: string): Promise<void> {
  const id = await registerModel(api, admin);
  const otherId = await registerModel(api, admin, 'kept');
  await fillModel(api, admin, id);
  await fillModel(api, admin, otherId);
  t.same(await countRows(api, id), { models: 1, model_versions: 2, model_aliases: 1, model_alias_history: 1, drift_reports: 1, metric_points: 1 }, 'every kind of row was stored');

  const response = await api.request({ method: 'DELETE', url: `/models/${id}`, token: admin });

  t.equal(response.statusCode, 204);
  t.same(await countRows(api, id), EMPTY, 'no row of the model is left');
  t.same(await countRows(api, otherId), { models: 1, model_versions: 2, model_aliases: 1, model_alias_history: 1, drift_reports: 1, metric_points: 1 }, 'the other model is untouched');
  t.equal((await api.request({ method: 'GET', url: `/models/${id}`, token: admin })).statusCode, 404);
}

t.test('deleteModel leaves no orphan rows on SQLite (204)', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  await checkDeleteLeavesNoOrphans(t, api, admin);
});

t.test('deleteModel leaves no orphan rows on PostgreSQL (204)', async (t) => {
  const url = await createPostgresDatabase(t);
  const { api, admin } = await startEmptyApp(t, { DATABASE_URL: url });
  await checkDeleteLeavesNoOrphans(t, api, admin);
  await api.close();
});

t.test('the foreign keys cascade on SQLite and PostgreSQL', async (t) => {
  for (const engine of ['sqlite', 'postgres']) {
    const env: Record<string, string> = engine === 'postgres' ? { DATABASE_URL: await createPostgresDatabase(t) } : {};
    const { api, admin } = await startEmptyApp(t, env);
    const id = await registerModel(api, admin);
    await fillModel(api, admin, id);

    // A bare DELETE of the model row, without the service's explicit clean-up, must still remove the dependent rows.
    await api.app.storage.db.deleteFrom('models').where('id', '=', id).execute();

    const rows = await countRows(api, id);
    t.same({ ...rows, metric_points: 0 }, EMPTY, `${engine}: versions, aliases, history and drift reports cascade`);
    await api.close();
  }
});

t.test('deleteModel is for admins only (403)', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  const bob = await createUserToken(api, admin);
  const id = await registerModel(api, bob);

  const response = await api.request({ method: 'DELETE', url: `/models/${id}`, token: bob });

  t.equal(response.statusCode, 403);
  t.equal(response.json().code, 'forbidden');
  t.equal((await api.request({ method: 'GET', url: `/models/${id}`, token: bob })).statusCode, 200, 'the model is kept');
});

t.test('deleteModel other statuses (400, 401, 404)', async (t) => {
  const { api, admin } = await startEmptyApp(t);

  t.equal((await api.request({ method: 'DELETE', url: '/models/x', token: admin })).statusCode, 400);
  t.equal((await api.request({ method: 'DELETE', url: '/models/1' })).statusCode, 401);
  const unknown = await api.request({ method: 'DELETE', url: '/models/1', token: admin });
  t.equal(unknown.statusCode, 404);
  t.equal(unknown.json().code, 'not-found');
});

t.test('deleteModel stores a notification', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  const id = await registerModel(api, admin);

  await api.request({ method: 'DELETE', url: `/models/${id}`, token: admin });

  const notifications = (await api.request({ method: 'GET', url: '/notifications', token: admin })).json();
  t.match(notifications[0], { kind: 'model_deleted', severity: 'warning', model_id: id, message: 'user deleted churn-classifier with its versions, aliases, drift reports and metric points.' });
});
