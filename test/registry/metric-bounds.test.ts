import t from 'tap';
import { startTestApp } from '../helpers/app.js';

const INVALID_POINTS: Array<{ name: string; point: Record<string, unknown>; detail: RegExp }> = [
  { name: 'a leap second', point: { metric: 'cost', timestamp: '2026-06-30T23:59:60Z', value: 1 }, detail: /body\/points\/0\/timestamp "2026-06-30T23:59:60Z" names no instant/ },
  { name: 'a year before 1970', point: { metric: 'cost', timestamp: '0000-01-01T00:00:00Z', value: 1 }, detail: /outside 1970 to 2199/ },
  { name: 'a year after 2199', point: { metric: 'cost', timestamp: '9999-12-31T23:59:59Z', value: 1 }, detail: /outside 1970 to 2199/ },
  { name: 'a value beyond 1e15', point: { metric: 'cost', timestamp: '2026-11-03T00:00:00Z', value: -1.7e308 }, detail: /body\/points\/0\/value must be >= -1000000000000000/ },
];

for (const row of INVALID_POINTS) {
  t.test(`ingestBusinessMetrics rejects ${row.name} (400)`, async (t) => {
    const api = await startTestApp(t, { SEED_DEMO_DATA: 'false' });
    const token = await api.login();

    const response = await api.request({ method: 'POST', url: '/business-metrics', token, payload: { points: [row.point] } });

    t.equal(response.statusCode, 400);
    t.equal(response.json().code, 'invalid-request');
    t.match(response.json().detail, row.detail);
    const stored = await api.app.storage.db.selectFrom('metric_points').selectAll().execute();
    t.same(stored, [], 'nothing was stored');
  });
}

t.test('getBusinessMetrics stays finite at the value bounds', async (t) => {
  const api = await startTestApp(t, { SEED_DEMO_DATA: 'false' });
  const token = await api.login();
  const points = [0, 1, 2].map((hour) => ({ metric: 'cost', timestamp: `2026-11-03T0${hour}:00:00Z`, value: 1e15 }));
  await api.request({ method: 'POST', url: '/business-metrics', token, payload: { points } });

  const response = await api.request({ method: 'GET', url: '/business-metrics', token });

  t.equal(response.statusCode, 200);
  t.same(response.json().cost.values, [3e15]);
});
