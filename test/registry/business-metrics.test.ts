import t from 'tap';
import type { TestApp } from '../helpers/app.js';
import { createPostgresDatabase, registerModel, startEmptyApp } from './fixtures.js';

async function countPoints(api: TestApp): Promise<number> {
  return (await api.app.storage.db.selectFrom('metric_points').select('id').execute()).length;
}

function point(metric: string, timestamp: string, value: number, modelId?: number) {
  return modelId === undefined ? { metric, timestamp, value } : { metric, timestamp, value, model_id: modelId };
}

t.test('ingestBusinessMetrics stores a batch and counts it', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  const id = await registerModel(api, admin);

  const response = await api.request({
    method: 'POST',
    url: '/business-metrics',
    token: admin,
    payload: { points: [point('cost', '2026-01-05T00:00:00Z', 10), point('performance', '2026-01-05T00:00:00Z', 90, id), point('latency_ms', '2026-01-05T00:00:00Z', 12)] },
  });

  t.equal(response.statusCode, 200);
  t.same(response.json(), { received: 3, inserted: 3, updated: 0, unchanged: 0, unknown_metrics: ['latency_ms'] });
  t.equal(await countPoints(api), 3, 'the unknown metric is stored too');
});

t.test('ingestBusinessMetrics adds nothing twice on a retried batch', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  const batch = { points: [point('cost', '2026-01-05T00:00:00Z', 10), point('cost', '2026-01-06T00:00:00Z', 11)] };

  await api.request({ method: 'POST', url: '/business-metrics', token: admin, payload: batch });
  const retry = await api.request({ method: 'POST', url: '/business-metrics', token: admin, payload: batch });
  const sameInstantOtherSpelling = await api.request({ method: 'POST', url: '/business-metrics', token: admin, payload: { points: [point('cost', '2026-01-05T01:00:00+01:00', 12)] } });

  t.same(retry.json(), { received: 2, inserted: 0, updated: 0, unchanged: 2, unknown_metrics: [] });
  t.same(sameInstantOtherSpelling.json(), { received: 1, inserted: 0, updated: 1, unchanged: 0, unknown_metrics: [] });
  t.equal(await countPoints(api), 2);
  const stored = await api.app.storage.db.selectFrom('metric_points').select(['timestamp', 'value']).orderBy('timestamp').execute();
  t.same(stored, [{ timestamp: '2026-01-05T00:00:00.000Z', value: 12 }, { timestamp: '2026-01-06T00:00:00.000Z', value: 11 }]);
});

t.test('ingestBusinessMetrics retries and rejects the same way on PostgreSQL', async (t) => {
  const { api, admin } = await startEmptyApp(t, { DATABASE_URL: await createPostgresDatabase(t) });
  const batch = { points: [point('cost', '2026-01-05T00:00:00Z', 10), point('cost', '2026-01-06T00:00:00Z', 11)] };

  const first = await api.request({ method: 'POST', url: '/business-metrics', token: admin, payload: batch });
  const retry = await api.request({ method: 'POST', url: '/business-metrics', token: admin, payload: batch });
  const rejected = await api.request({ method: 'POST', url: '/business-metrics', token: admin, payload: { points: [point('cost', '2026-02-01T00:00:00Z', 1), point('cost', '2026-02-02T00:00:00Z', 1, 9)] } });

  t.same(first.json(), { received: 2, inserted: 2, updated: 0, unchanged: 0, unknown_metrics: [] });
  t.same(retry.json(), { received: 2, inserted: 0, updated: 0, unchanged: 2, unknown_metrics: [] });
  t.equal(rejected.statusCode, 400);
  t.equal(await countPoints(api), 2, 'the rejected batch stored nothing');
  await api.close();
});

t.test('ingestBusinessMetrics stores nothing when a model_id is unknown (400)', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  const id = await registerModel(api, admin);

  const response = await api.request({
    method: 'POST',
    url: '/business-metrics',
    token: admin,
    payload: { points: [point('cost', '2026-01-05T00:00:00Z', 10), point('performance', '2026-01-05T00:00:00Z', 90, id), point('performance', '2026-01-06T00:00:00Z', 91, 777)] },
  });

  t.equal(response.statusCode, 400);
  t.same(response.json(), {
    type: 'urn:problem:invalid-request',
    title: 'Invalid request',
    status: 400,
    detail: 'body/points/2/model_id is 777, but no model has that id; register the model first or leave model_id out. Nothing was stored.',
    instance: '/business-metrics',
    code: 'invalid-request',
  });
  t.equal(await countPoints(api), 0, 'nothing stored');
});

const INVALID_BATCHES: Array<{ name: string; points: unknown[]; detail: RegExp }> = [
  { name: 'an empty batch', points: [], detail: /body\/points must NOT have fewer than 1 items/ },
  { name: 'a batch over 1000 points', points: Array.from({ length: 1001 }, (_, index) => point('cost', new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString(), 1)), detail: /body\/points must NOT have more than 1000 items/ },
  { name: 'a bad timestamp', points: [point('cost', '2026-01-01', 1)], detail: /body\/points\/0\/timestamp must match format "date-time"/ },
  { name: 'an upper-case metric', points: [point('Cost', '2026-01-01T00:00:00Z', 1)], detail: /body\/points\/0\/metric must match pattern/ },
  { name: 'a string value', points: [{ metric: 'cost', timestamp: '2026-01-01T00:00:00Z', value: '1' }], detail: /body\/points\/0\/value must be number/ },
  { name: 'a model_id of 0', points: [point('cost', '2026-01-01T00:00:00Z', 1, 0)], detail: /body\/points\/0\/model_id must be >= 1/ },
  { name: 'an extra field', points: [{ ...point('cost', '2026-01-01T00:00:00Z', 1), unit: 'usd' }], detail: /unknown property "unit"/ },
  {
    name: 'one key twice',
    points: [point('cost', '2026-01-01T00:00:00Z', 1), point('cost', '2026-01-02T00:00:00Z', 1), point('cost', '2026-01-01T00:00:00.000Z', 2)],
    detail: /^body\/points\/2 has the same metric, model_id and timestamp as body\/points\/0; send each point once per batch\.$/,
  },
];

t.test('ingestBusinessMetrics rejects invalid batches (400)', async (t) => {
  const { api, admin } = await startEmptyApp(t);

  for (const row of INVALID_BATCHES) {
    await t.test(`ingestBusinessMetrics rejects ${row.name} (400)`, async (t) => {
      const response = await api.request({ method: 'POST', url: '/business-metrics', token: admin, payload: { points: row.points } });

      t.equal(response.statusCode, 400);
      t.equal(response.json().code, 'invalid-request');
      t.match(response.json().detail, row.detail);
      t.equal(await countPoints(api), 0, 'nothing stored');
    });
  }
});

t.test('ingestBusinessMetrics other statuses (401, 413, 415)', async (t) => {
  const { api, admin } = await startEmptyApp(t, { BODY_LIMIT_BYTES: '1024' });
  const many = Array.from({ length: 30 }, (_, day) => point('cost', `2026-01-${String(day + 1).padStart(2, '0')}T00:00:00Z`, day));

  t.equal((await api.request({ method: 'POST', url: '/business-metrics', payload: { points: [point('cost', '2026-01-01T00:00:00Z', 1)] } })).statusCode, 401);
  t.equal((await api.request({ method: 'POST', url: '/business-metrics', token: admin, payload: { points: many } })).statusCode, 413);
  t.equal((await api.request({ method: 'POST', url: '/business-metrics', token: admin, headers: { 'content-type': 'text/csv' }, payload: 'cost,1' })).statusCode, 415);
  t.equal(await countPoints(api), 0, 'nothing stored');
});

/** Stores cost 1..n and utilization 10*i on consecutive days from 2026-01-29 (a Thursday). */
async function storeDays(api: TestApp, token: string, days: number): Promise<void> {
  const points = [];
  for (let index = 0; index < days; index++) {
    const timestamp = new Date(Date.UTC(2026, 0, 29 + index)).toISOString();
    points.push(point('cost', timestamp, index + 1), point('resource_utilization', timestamp, 10 * (index + 1)));
  }
  await api.request({ method: 'POST', url: '/business-metrics', token, payload: { points } });
}

t.test('getBusinessMetrics sums cost and averages utilization per interval', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  // 2026-01-29 .. 2026-02-04: Thu, Fri, Sat, Sun, Mon, Tue, Wed.
  await storeDays(api, admin, 7);

  const read = async (query: string) => (await api.request({ method: 'GET', url: `/business-metrics?${query}`, token: admin })).json();

  const months = await read('interval=month');
  t.same(months.cost, { name: 'Cost ($k)', timestamps: ['2026-01-01', '2026-02-01'], values: [6, 22] });
  t.same(months.resource_utilization.values, [20, 55]);

  const weeks = await read('interval=week');
  t.same(weeks.cost.timestamps, ['2026-01-26', '2026-02-02'], 'weeks start on Monday');
  t.same(weeks.cost.values, [10, 18]);
  t.same(weeks.resource_utilization.values, [25, 60]);

  const days = await read('interval=day&from=2026-02-01&to=2026-02-02');
  t.same(days.cost, { name: 'Cost ($k)', timestamps: ['2026-02-01', '2026-02-02'], values: [4, 5] }, 'from and to are inclusive days');
  t.same(days.performance, { name: 'Model Accuracy (%)', timestamps: [], values: [] }, 'buckets without points are left out');
});

t.test('getBusinessMetrics defaults to the 12 months ending with the newest point', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  const points = [point('cost', '2024-12-15T00:00:00Z', 1), point('cost', '2025-01-15T00:00:00Z', 2), point('cost', '2025-12-31T23:59:59Z', 3)];
  await api.request({ method: 'POST', url: '/business-metrics', token: admin, payload: { points } });

  const response = await api.request({ method: 'GET', url: '/business-metrics', token: admin });

  t.same(response.json().cost.timestamps, ['2025-01-01', '2025-12-01'], '2024-12 is outside the window');
});

t.test('getBusinessMetrics filters by model_id', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  const a = await registerModel(api, admin, 'a');
  const b = await registerModel(api, admin, 'b');
  const timestamp = '2026-03-01T00:00:00Z';
  await api.request({ method: 'POST', url: '/business-metrics', token: admin, payload: { points: [point('performance', timestamp, 80, a), point('performance', timestamp, 90, b)] } });

  const all = await api.request({ method: 'GET', url: '/business-metrics', token: admin });
  const onlyA = await api.request({ method: 'GET', url: `/business-metrics?model_id=${a}`, token: admin });

  t.same(all.json().performance.values, [85]);
  t.same(onlyA.json().performance.values, [80]);
});

const INVALID_QUERIES: Array<{ name: string; query: string; status: number; detail: RegExp }> = [
  { name: 'from after to', query: 'from=2026-02-01&to=2026-01-01', status: 400, detail: /^querystring\/from \(2026-02-01\) is after querystring\/to \(2026-01-01\); swap them\.$/ },
  { name: 'an impossible date', query: 'from=2026-02-30', status: 400, detail: /querystring\/from must match format "date"/ },
  { name: 'a date-time', query: 'to=2026-02-01T00:00:00Z', status: 400, detail: /querystring\/to must match format "date"/ },
  { name: 'an unknown interval', query: 'interval=hour', status: 400, detail: /querystring\/interval must be one of "day", "week", "month"/ },
  { name: 'too many buckets', query: 'interval=day&from=2025-01-01&to=2026-01-02', status: 400, detail: /spans more than 366 day buckets; shorten it or use a longer interval/ },
  { name: 'an unknown model', query: 'model_id=5', status: 404, detail: /querystring\/model_id is 5, but no model has that id/ },
];

t.test('getBusinessMetrics rejects invalid queries', async (t) => {
  const { api, admin } = await startEmptyApp(t);

  for (const row of INVALID_QUERIES) {
    await t.test(`getBusinessMetrics rejects ${row.name} (${row.status})`, async (t) => {
      const response = await api.request({ method: 'GET', url: `/business-metrics?${row.query}`, token: admin });

      t.equal(response.statusCode, row.status);
      t.match(response.json().detail, row.detail);
    });
  }
});

t.test('getBusinessMetrics accepts a full year of days', async (t) => {
  const { api, admin } = await startEmptyApp(t);

  const response = await api.request({ method: 'GET', url: '/business-metrics?interval=day&from=2024-01-01&to=2024-12-31', token: admin });

  t.equal(response.statusCode, 200);
});
