import t from 'tap';
import { startTestApp } from './helpers/app.js';
import { insertDriftReport } from '../src/storage/drift-reports.js';

const READS = ['/models', '/business-metrics', '/connectors', '/monitoring', '/notifications', '/users'];

for (const url of [...READS, '/drift']) {
  t.test(`GET ${url} requires a token (401)`, async (t) => {
    const api = await startTestApp(t);

    const response = await api.request({ method: 'GET', url });

    t.equal(response.statusCode, 401);
    t.equal(response.json().code, 'token-missing');
  });
}

t.test('dashboard reads are the same on every request', async (t) => {
  const api = await startTestApp(t);
  const token = await api.login();

  for (const url of ['/models', '/business-metrics', '/connectors', '/notifications', '/drift']) {
    const first = await api.request({ method: 'GET', url, token });
    const second = await api.request({ method: 'GET', url, token });
    t.equal(first.statusCode, 200, `${url} status`);
    t.equal(first.body, second.body, `${url} is stable`);
  }
});

t.test('listModels returns the fitted demo models', async (t) => {
  const api = await startTestApp(t);
  const token = await api.login();

  const response = await api.request({ method: 'GET', url: '/models', token });

  t.equal(response.statusCode, 200);
  const models = response.json();
  t.same(models.map((model: { name: string }) => model.name), ['penguin-species-classifier', 'seattle-rain-predictor']);
  for (const model of models) {
    const { feature_names, coefficients, feature_means, coefficient_variance } = model.stats;
    t.equal(coefficients.length, feature_names.length, `${model.name}: one coefficient per feature`);
    t.equal(feature_means.length, feature_names.length, `${model.name}: one mean per feature`);
    t.equal(coefficient_variance.length, feature_names.length, `${model.name}: one variance per feature`);
  }
});

t.test('getBusinessMetrics returns 12 monthly points per series', async (t) => {
  const api = await startTestApp(t);
  const token = await api.login();

  const response = await api.request({ method: 'GET', url: '/business-metrics', token });

  t.equal(response.statusCode, 200);
  const body = response.json();
  t.same([body.cost.name, body.resource_utilization.name, body.performance.name], ['Cost ($k)', 'Resource Utilization (%)', 'Model Accuracy (%)']);
  for (const key of ['cost', 'resource_utilization', 'performance']) {
    t.equal(body[key].timestamps.length, 12, `${key}: 12 months`);
    t.equal(body[key].values.length, body[key].timestamps.length, `${key}: equal lengths`);
    t.match(body[key].timestamps[0], /^\d{4}-\d{2}-01$/, `${key}: first day of a month`);
  }
  for (const value of body.performance.values) t.ok(value > 0 && value <= 100, 'accuracy is a percentage');
});

t.test('listConnectors returns name, type and status', async (t) => {
  const api = await startTestApp(t);
  const token = await api.login();

  const response = await api.request({ method: 'GET', url: '/connectors', token });

  t.equal(response.statusCode, 200);
  t.ok(response.json().length >= 1);
  for (const connector of response.json()) {
    t.ok(['cloud', 'onprem'].includes(connector.type));
    t.ok(['connected', 'pending', 'disconnected'].includes(connector.status));
  }
});

t.test('getMonitoring runs the checks now', async (t) => {
  const api = await startTestApp(t);
  const token = await api.login();
  const before = Date.now();

  const response = await api.request({ method: 'GET', url: '/monitoring', token });

  t.equal(response.statusCode, 200);
  const checks = response.json();
  t.same(checks.map((check: { service: string }) => check.service), ['database', 'token-signing']);
  for (const check of checks) {
    t.equal(check.status, 'healthy', `${check.service} is healthy`);
    t.ok(Date.parse(check.last_checked) >= before - 1000, `${check.service} ran for this request`);
    t.ok(check.latency_ms >= 0);
  }
});

t.test('listNotifications is newest first', async (t) => {
  const api = await startTestApp(t);
  const token = await api.login();

  const response = await api.request({ method: 'GET', url: '/notifications', token });

  t.equal(response.statusCode, 200);
  const timestamps = response.json().map((notification: { timestamp: string }) => notification.timestamp);
  t.same(timestamps, [...timestamps].sort().reverse());
});

t.test('getDrift returns 404 when no report exists', async (t) => {
  const api = await startTestApp(t, { SEED_DEMO_DATA: 'false' });
  const token = await api.login();

  const response = await api.request({ method: 'GET', url: '/drift', token });

  t.equal(response.statusCode, 404);
  t.match(response.json().detail, /POST \/drift\/reports/);
});

t.test('getDrift returns the latest stored report', async (t) => {
  const api = await startTestApp(t, { SEED_DEMO_DATA: 'false' });
  const token = await api.login();
  const report = { model_id: null, drift_share: 0.5, features: '[]', created_by: 'user', created_at: new Date().toISOString() };
  await insertDriftReport(api.app.storage.db, { ...report, drift_score: 0.25, drift_detected: 0, details: JSON.stringify({ wind: 0.1 }) });
  await insertDriftReport(api.app.storage.db, { ...report, drift_score: 0.5, drift_detected: 1, details: JSON.stringify({ wind: 0.3, temp_max: 0.02 }) });

  const response = await api.request({ method: 'GET', url: '/drift', token });

  t.equal(response.statusCode, 200);
  t.same(response.json(), { drift_score: 0.5, drift_detected: true, details: { wind: 0.3, temp_max: 0.02 } });
});

t.test('health probes are public', async (t) => {
  const api = await startTestApp(t);

  const live = await api.request({ method: 'GET', url: '/health/live' });
  const ready = await api.request({ method: 'GET', url: '/health/ready' });

  t.same(live.json(), { status: 'ok' });
  t.same(ready.json(), { status: 'ok' });
});

t.test('readiness fails when the database is closed (503)', async (t) => {
  const api = await startTestApp(t);
  await api.app.storage.close();

  const response = await api.request({ method: 'GET', url: '/health/ready' });

  t.equal(response.statusCode, 503);
  t.equal(response.json().code, 'not-ready');
});
