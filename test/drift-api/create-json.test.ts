import t from 'tap';
import { driftReport } from '../../src/drift/index.js';
import { startDriftApp, storedCounts, uniformValues } from './support.js';

const REFERENCE = {
  x: uniformValues(300, 1),
  colour: Array.from({ length: 300 }, (_, i) => ['red', 'green', 'blue'][i % 3]!),
};
const SHIFTED = {
  x: uniformValues(300, 2, 0.5),
  colour: Array.from({ length: 300 }, (_, i) => (i % 5 === 0 ? 'red' : 'blue')),
};
const SIMILAR = {
  x: uniformValues(300, 3),
  colour: Array.from({ length: 300 }, (_, i) => ['red', 'green', 'blue'][(i + 1) % 3]!),
};

t.test('createDriftReport stores a JSON report (201)', async (t) => {
  const { api, token, modelId } = await startDriftApp(t);
  const before = await api.request({ method: 'GET', url: '/drift', token });

  const response = await api.request({ method: 'POST', url: '/drift/reports', token, payload: { model_id: modelId, reference: REFERENCE, current: SHIFTED } });

  t.equal(before.statusCode, 404);
  t.equal(response.statusCode, 201);
  const expected = driftReport(REFERENCE, SHIFTED);
  const body = response.json();
  t.same(body, {
    id: 1,
    model_id: modelId,
    created_at: body.created_at,
    drift_score: 1,
    drift_detected: true,
    drift_share: 0.5,
    details: expected.details,
    features: expected.features,
  });
  t.match(body.created_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

  const stored = await api.request({ method: 'GET', url: '/drift/reports/1', token });
  t.same(stored.json(), body, 'getDriftReport returns the stored report');
  const listed = await api.request({ method: 'GET', url: '/drift/reports', token });
  const { features: _features, ...summary } = body;
  t.same(listed.json(), [summary], 'listDriftReports lists it');
  const latest = await api.request({ method: 'GET', url: '/drift', token });
  t.same(latest.json(), { drift_score: 1, drift_detected: true, details: expected.details }, 'GET /drift shows it');
  const ofModel = await api.request({ method: 'GET', url: `/drift/${modelId}`, token });
  t.same(ofModel.json(), latest.json(), 'GET /drift/{model_id} shows it');
  const byQuery = await api.request({ method: 'GET', url: `/drift?model_id=${modelId}`, token });
  t.same(byQuery.json(), latest.json(), 'GET /drift?model_id shows it');
});

t.test('createDriftReport records a drift notification', async (t) => {
  const { api, token, modelId } = await startDriftApp(t);

  const response = await api.request({ method: 'POST', url: '/drift/reports', token, payload: { model_id: modelId, reference: REFERENCE, current: SHIFTED } });

  t.equal(response.statusCode, 201);
  const notifications = await api.request({ method: 'GET', url: '/notifications', token });
  const [latest] = notifications.json();
  t.same(latest, {
    id: latest.id,
    title: 'Model drift detected',
    message: 'Drift in rain-model: drift score 1.00 reached the drift share 0.50 (2 of 2 features drifted, report 1).',
    timestamp: response.json().created_at,
    kind: 'drift_detected',
    severity: 'warning',
    model_id: modelId,
    related_id: 1,
    read: false,
  });
  const row = await api.app.storage.db.selectFrom('notifications').selectAll().where('id', '=', latest.id).executeTakeFirstOrThrow();
  t.equal(row.kind, 'drift_detected');
  t.equal(row.severity, 'warning');
  t.equal(row.model_id, modelId);
  t.equal(row.related_id, 1, 'related to the report');
});

t.test('createDriftReport names unassigned data in the notification', async (t) => {
  const { api, token } = await startDriftApp(t);

  const response = await api.request({ method: 'POST', url: '/drift/reports', token, payload: { reference: REFERENCE, current: SHIFTED, drift_share: 0.25 } });

  t.equal(response.statusCode, 201);
  t.equal(response.json().model_id, null);
  t.equal(response.json().drift_share, 0.25);
  const notifications = await api.request({ method: 'GET', url: '/notifications', token });
  t.equal(notifications.json()[0].message, 'Drift in unassigned data: drift score 1.00 reached the drift share 0.25 (2 of 2 features drifted, report 1).');
});

t.test('createDriftReport without drift adds no notification', async (t) => {
  const { api, token, modelId } = await startDriftApp(t);
  const before = await storedCounts(api);

  const response = await api.request({ method: 'POST', url: '/drift/reports', token, payload: { model_id: modelId, reference: REFERENCE, current: SIMILAR } });

  t.equal(response.statusCode, 201);
  t.equal(response.json().drift_detected, false);
  t.equal(response.json().drift_score, 0);
  t.same(await storedCounts(api), { reports: 1, notifications: before.notifications, profiles: 1 });
});

t.test('createDriftReport honours per-feature options', async (t) => {
  const { api, token } = await startDriftApp(t);
  const featureOptions = {
    x: { method: 'psi', bins: 4, threshold: 50 },
    colour: { method: 'jensenshannon', threshold: 0.01 },
  } as const;

  const response = await api.request({ method: 'POST', url: '/drift/reports', token, payload: { reference: REFERENCE, current: SHIFTED, feature_options: featureOptions } });

  t.equal(response.statusCode, 201);
  const expected = driftReport(REFERENCE, SHIFTED, { feature_options: featureOptions });
  const [x, colour] = response.json().features;
  t.same(response.json().features, expected.features);
  t.equal(x.method, 'psi');
  t.equal(x.threshold, 50);
  t.equal(x.drifted, false, 'the high threshold keeps x from drifting');
  t.not(x.statistic, driftReport(REFERENCE, SHIFTED, { feature_options: { x: { method: 'psi' } } }).features[0]!.statistic, 'bins 4 changes the PSI');
  t.equal(colour.method, 'jensenshannon');
  t.equal(colour.threshold, 0.01);
  t.equal(response.json().drift_score, 0.5);
});

t.test('createDriftReport leaves features without a score out of details', async (t) => {
  const { api, token } = await startDriftApp(t);

  const response = await api.request({ method: 'POST', url: '/drift/reports', token, payload: { reference: { ...REFERENCE, sparse: [1] }, current: { ...SHIFTED, sparse: [2] } } });

  t.equal(response.statusCode, 201);
  t.same(Object.keys(response.json().details), ['x', 'colour']);
  const sparse = response.json().features[2];
  t.equal(sparse.status, 'insufficient');
  t.equal(sparse.score, null);
});

t.test('createDriftReport requires a token (401)', async (t) => {
  const { api } = await startDriftApp(t);

  const response = await api.request({ method: 'POST', url: '/drift/reports', payload: { reference: REFERENCE, current: SHIFTED } });

  t.equal(response.statusCode, 401);
  t.equal(response.json().code, 'token-missing');
  t.equal((await storedCounts(api)).reports, 0, 'nothing stored');
});

t.test('createDriftReport checks the token before the body (401)', async (t) => {
  const { api } = await startDriftApp(t);

  const json = await api.request({ method: 'POST', url: '/drift/reports', payload: { reference: {} } });
  const csv = await api.request({ method: 'POST', url: '/drift/reports', payload: 'not,a\n"csv', headers: { 'content-type': 'text/csv' } });

  t.equal(json.statusCode, 401);
  t.equal(json.json().code, 'token-missing');
  t.equal(csv.statusCode, 401);
  t.equal(csv.json().code, 'token-missing');
});

t.test('createDriftReport rejects an unknown model (404)', async (t) => {
  const { api, token } = await startDriftApp(t);
  const before = await storedCounts(api);

  const response = await api.request({ method: 'POST', url: '/drift/reports', token, payload: { model_id: 99, reference: REFERENCE, current: SHIFTED } });

  t.equal(response.statusCode, 404);
  t.same(response.json(), {
    type: 'urn:problem:not-found',
    title: 'Not found',
    status: 404,
    detail: 'Model 99 does not exist; list the models with GET /models.',
    instance: '/drift/reports',
    code: 'not-found',
  });
  t.same(await storedCounts(api), before, 'nothing stored');
});

t.test('createDriftReport rejects text/plain (415)', async (t) => {
  const { api, token } = await startDriftApp(t);

  const response = await api.request({ method: 'POST', url: '/drift/reports', token, payload: 'x\n1', headers: { 'content-type': 'text/plain' } });

  t.equal(response.statusCode, 415);
  t.equal(response.json().code, 'unsupported-media-type');
  t.match(response.json().detail, /text\/plain/);
});

t.test('createDriftReport rejects a body over the drift limit (413)', async (t) => {
  const { api, token } = await startDriftApp(t, { DRIFT_BODY_LIMIT_BYTES: '4096' });
  const before = await storedCounts(api);

  const response = await api.request({ method: 'POST', url: '/drift/reports', token, payload: { reference: REFERENCE, current: SHIFTED } });

  t.equal(response.statusCode, 413);
  t.same(response.json(), {
    type: 'urn:problem:payload-too-large',
    title: 'Payload too large',
    status: 413,
    detail: 'The body is larger than this server accepts (4096 bytes); send a smaller body.',
    instance: '/drift/reports',
    code: 'payload-too-large',
  });
  t.same(await storedCounts(api), before, 'nothing stored');
});

t.test('createDriftReport accepts bodies over the global limit', async (t) => {
  const { api, token } = await startDriftApp(t, { BODY_LIMIT_BYTES: '2048' });

  const response = await api.request({ method: 'POST', url: '/drift/reports', token, payload: { reference: REFERENCE, current: SHIFTED } });

  t.equal(response.statusCode, 201, 'the drift route has its own, larger limit');
});
