import t from 'tap';
import { startDriftApp, uniformValues } from './support.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

const REFERENCE = { x: uniformValues(50, 21) };
const CURRENT = { x: uniformValues(50, 22, 0.3) };

async function createReports(api: TestApp, count: number, modelId?: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const report = await api.app.services.drift.createReport({ modelId, reference: REFERENCE, current: CURRENT }, 'user');
    ids.push(report.id);
  }
  return ids;
}

t.test('getDriftReport rejects an unknown id (404)', async (t) => {
  const { api, token } = await startDriftApp(t);

  const response = await api.request({ method: 'GET', url: '/drift/reports/7', token });

  t.equal(response.statusCode, 404);
  t.same(response.json(), { type: 'urn:problem:not-found', title: 'Not found', status: 404, detail: 'Drift report 7 does not exist; list the reports with GET /drift/reports.', instance: '/drift/reports/7', code: 'not-found' });
});

t.test('getDriftReport rejects a non-integer id (400)', async (t) => {
  const { api, token } = await startDriftApp(t);

  const response = await api.request({ method: 'GET', url: '/drift/reports/latest', token });

  t.equal(response.statusCode, 400);
  t.match(response.json().detail, /params\/id must be integer/);
});

t.test('getModelDrift returns the model\'s latest report', async (t) => {
  const { api, token, modelId } = await startDriftApp(t);
  await createReports(api, 1, modelId);
  const similar = await api.app.services.drift.createReport({ modelId, reference: REFERENCE, current: REFERENCE }, 'user');
  await createReports(api, 1);

  const response = await api.request({ method: 'GET', url: `/drift/${modelId}`, token });
  const latest = await api.request({ method: 'GET', url: '/drift', token });

  t.equal(response.statusCode, 200);
  t.same(response.json(), { drift_score: similar.drift_score, drift_detected: similar.drift_detected, details: similar.details });
  t.equal(latest.json().drift_score, 1, 'GET /drift returns the newest report of any model');
});

const MODEL_DRIFT_NOT_FOUND: Array<{ name: string; url: (modelId: number) => string; detail: (modelId: number) => string }> = [
  { name: 'an unknown model', url: () => '/drift/99', detail: () => 'Model 99 does not exist; list the models with GET /models.' },
  { name: 'a model without reports', url: (modelId) => `/drift/${modelId}`, detail: (modelId) => `Model ${modelId} has no drift report yet; create one with POST /drift/reports and model_id ${modelId}.` },
  { name: 'an unknown model in the query', url: () => '/drift?model_id=99', detail: () => 'Model 99 does not exist; list the models with GET /models.' },
];

for (const { name, url, detail } of MODEL_DRIFT_NOT_FOUND) {
  t.test(`getModelDrift rejects ${name} (404)`, async (t) => {
    const { api, token, modelId } = await startDriftApp(t);

    const response = await api.request({ method: 'GET', url: url(modelId), token });

    t.equal(response.statusCode, 404);
    t.equal(response.json().code, 'not-found');
    t.equal(response.json().detail, detail(modelId));
  });
}

const INVALID_MODEL_IDS: Array<{ url: string; detail: RegExp }> = [
  { url: '/drift?model_id=rain', detail: /querystring\/model_id must be integer/ },
  { url: '/drift?model_id=0', detail: /querystring\/model_id must be >= 1/ },
  { url: '/models/rain/drift-profile', detail: /params\/id must be integer/ },
];

for (const { url, detail } of INVALID_MODEL_IDS) {
  t.test(`GET ${url} is rejected (400)`, async (t) => {
    const { api, token } = await startDriftApp(t);

    const response = await api.request({ method: 'GET', url, token });

    t.equal(response.statusCode, 400);
    t.equal(response.json().code, 'invalid-request');
    t.match(response.json().detail, detail);
  });
}

t.test('getModelDrift rejects a non-integer model id (400)', async (t) => {
  const { api, token } = await startDriftApp(t);

  const response = await api.request({ method: 'GET', url: '/drift/rain', token });

  t.equal(response.statusCode, 400);
  t.match(response.json().detail, /params\/model_id must be integer/);
});

for (const url of ['/drift/reports', '/drift/reports/1', '/drift/1']) {
  t.test(`GET ${url} requires a token (401)`, async (t) => {
    const { api } = await startDriftApp(t);

    const response = await api.request({ method: 'GET', url });

    t.equal(response.statusCode, 401);
    t.equal(response.json().code, 'token-missing');
  });
}

t.test('demo data has a Seattle weather drift report', async (t) => {
  const api = await startTestApp(t);
  const token = await api.login();

  const reports = await api.request({ method: 'GET', url: '/drift/reports', token });
  const [report] = reports.json();
  const full = await api.request({ method: 'GET', url: `/drift/reports/${report.id}`, token });

  t.equal(reports.json().length, 1);
  t.same(full.json().features.map((feature: { name: string; reference_count: number; current_count: number }) => [feature.name, feature.reference_count, feature.current_count]), [
    ['precipitation', 366, 365],
    ['temp_max', 366, 365],
    ['temp_min', 366, 365],
    ['wind', 366, 365],
    ['weather', 366, 365],
  ]);
  const profile = await api.request({ method: 'GET', url: `/models/${report.model_id}/drift-profile`, token });
  t.equal(profile.json().report_id, report.id, 'the demo stores the profile too');
});
