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

const INVALID_REPORTS: Array<{ name: string; payload: unknown; url?: string; detail: RegExp }> = [
  { name: 'an empty body', payload: {}, detail: /The body has no data; send reference and current/ },
  { name: 'reference without current', payload: { reference: REFERENCE }, detail: /The body has reference but no current; send both samples/ },
  { name: 'samples and counts together', payload: { reference: REFERENCE, current: SHIFTED, counts: { features: { x: { kind: 'numerical', counts: [1, 2] } } } }, detail: /raw samples and counts or a profile/ },
  { name: 'counts without a profile or model', payload: { counts: { features: { x: { kind: 'numerical', counts: [1, 2] } } } }, detail: /counts but no profile; send the profile the counts were made with, or the model_id/ },
  { name: 'an empty column', payload: { reference: { x: [] }, current: { x: [1] } }, detail: /body\/reference\/x must NOT have fewer than 1 items/ },
  { name: 'no features', payload: { reference: {}, current: {} }, detail: /body\/reference must NOT have fewer than 1 properties/ },
  { name: 'mismatched features', payload: { reference: { x: [1, 2, 3], y: [1, 2, 3] }, current: { x: [1, 2, 3], z: [1, 2, 3] } }, detail: /The reference and current samples have different features \(only in reference: "y"; only in current: "z"\)/ },
  { name: 'an unknown method', payload: { reference: REFERENCE, current: SHIFTED, feature_options: { x: { method: 'anderson' } } }, detail: /body\/feature_options\/x\/method must be one of "ks", "wasserstein", "psi", "jensenshannon", "chisquare", "z", but it is "anderson"/ },
  { name: 'bins below 2', payload: { reference: REFERENCE, current: SHIFTED, feature_options: { x: { method: 'psi', bins: 1 } } }, detail: /body\/feature_options\/x\/bins must be >= 2/ },
  { name: 'bins above 1000', payload: { reference: REFERENCE, current: SHIFTED, feature_options: { x: { method: 'psi', bins: 1001 } } }, detail: /body\/feature_options\/x\/bins must be <= 1000/ },
  { name: 'options for an unknown feature', payload: { reference: REFERENCE, current: SHIFTED, feature_options: { y: { method: 'psi' } } }, detail: /feature_options names "y", which is not in the reference/ },
  { name: 'ks on a categorical feature', payload: { reference: REFERENCE, current: SHIFTED, feature_options: { colour: { method: 'ks' } } }, detail: /colour/ },
  { name: 'a p-value threshold of 1', payload: { reference: REFERENCE, current: SHIFTED, feature_options: { x: { method: 'ks', threshold: 1 } } }, detail: /"x"/ },
  { name: 'bins with ks', payload: { reference: REFERENCE, current: SHIFTED, feature_options: { x: { method: 'ks', bins: 5 } } }, detail: /"x"/ },
  { name: 'no evaluable feature', payload: { reference: { x: [1] }, current: { x: [2] } }, detail: /No feature could be evaluated \("x" is insufficient\); send at least 2 non-missing values per feature/ },
  { name: 'too many features', payload: { reference: Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`f${i}`, [1, 2]])), current: { f0: [1, 2] } }, detail: /body\/reference must NOT have more than 500 properties/ },
  { name: 'too many values in a column', payload: { reference: { x: new Array(1_000_001).fill(0) }, current: { x: [1, 2] } }, detail: /body\/reference\/x must NOT have more than 1000000 items/ },
  { name: 'a drift_share above 1', payload: { reference: REFERENCE, current: SHIFTED, drift_share: 1.5 }, detail: /body\/drift_share must be <= 1/ },
  { name: 'an unknown property', payload: { reference: REFERENCE, current: SHIFTED, weights: { x: 2 } }, detail: /unknown property "weights"/ },
  { name: 'a nested array value', payload: { reference: { x: [[1]] }, current: { x: [1] } }, detail: /body\/reference\/x\/0 must be number,string,boolean,null/ },
  { name: 'query options with a JSON body', url: '/drift/reports?drift_share=0.3', payload: { reference: REFERENCE, current: SHIFTED }, detail: /query parameters model_id and drift_share apply to CSV uploads/ },
];

for (const { name, payload, url, detail } of INVALID_REPORTS) {
  t.test(`createDriftReport rejects ${name} (400)`, async (t) => {
    const { api, token } = await startDriftApp(t);
    const before = await storedCounts(api);

    const response = await api.request({ method: 'POST', url: url ?? '/drift/reports', token, payload: payload as object });

    t.equal(response.statusCode, 400);
    t.equal(response.json().code, 'invalid-request');
    t.match(response.json().detail, detail);
    t.same(await storedCounts(api), before, 'nothing stored');
  });
}

t.test('createDriftReport requires a token (401)', async (t) => {
  const { api } = await startDriftApp(t);

  const response = await api.request({ method: 'POST', url: '/drift/reports', payload: { reference: REFERENCE, current: SHIFTED } });

  t.equal(response.statusCode, 401);
  t.equal(response.json().code, 'token-missing');
  t.equal((await storedCounts(api)).reports, 0, 'nothing stored');
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
