import t from 'tap';
import { driftReport } from '../../src/drift/index.js';
import { buildWeatherDriftSamples } from '../../src/demo/weather-drift.js';
import { multipartBody, seattleRowsByYear, startDriftApp, storedCounts } from './support.js';

const { header, rows2012, rows2015 } = seattleRowsByYear();
const ONE_FILE = [`sample,${header}`, ...rows2012.map((row) => `reference,${row}`), ...rows2015.map((row) => `current,${row}`)].join('\n');
const REFERENCE_FILE = [header, ...rows2012].join('\n');
const CURRENT_FILE = [header, ...rows2015].join('\n');

// The same split as the demo data, made from the parsed CSV of vega-datasets.
const weather = buildWeatherDriftSamples();
const samples = { reference: { ...weather.reference }, current: { ...weather.current } };
const EXPECTED = driftReport(samples.reference, samples.current);

t.test('createDriftReport reads one CSV with a sample column (201)', async (t) => {
  const { api, token, modelId } = await startDriftApp(t);

  const response = await api.request({ method: 'POST', url: `/drift/reports?model_id=${modelId}&drift_share=0.5`, token, payload: ONE_FILE, headers: { 'content-type': 'text/csv' } });

  t.equal(response.statusCode, 201);
  const body = response.json();
  t.same(body, { id: 1, model_id: modelId, created_at: body.created_at, drift_score: EXPECTED.drift_score, drift_detected: EXPECTED.drift_detected, drift_share: 0.5, details: EXPECTED.details, features: EXPECTED.features });
  t.same(body.features.map((feature: { kind: string }) => feature.kind), ['numerical', 'numerical', 'numerical', 'numerical', 'categorical']);
  const profile = await api.request({ method: 'GET', url: `/models/${modelId}/drift-profile`, token });
  t.equal(profile.statusCode, 200, 'the reference became the model profile');
  t.equal(profile.json().report_id, 1);
});

t.test('createDriftReport reads two CSV files (201)', async (t) => {
  const { api, token, modelId } = await startDriftApp(t);
  const { payload, headers } = multipartBody([
    { name: 'current', content: CURRENT_FILE },
    { name: 'reference', content: REFERENCE_FILE },
  ]);

  const response = await api.request({ method: 'POST', url: `/drift/reports?model_id=${modelId}&drift_share=0.8`, token, payload, headers });

  t.equal(response.statusCode, 201);
  const expected = driftReport(samples.reference, samples.current, { drift_share: 0.8 });
  const body = response.json();
  t.same(body, { id: 1, model_id: modelId, created_at: body.created_at, drift_score: expected.drift_score, drift_detected: expected.drift_detected, drift_share: 0.8, details: expected.details, features: expected.features });
  const drift = await api.request({ method: 'GET', url: '/drift', token });
  t.same(drift.json(), { drift_score: expected.drift_score, drift_detected: expected.drift_detected, details: expected.details });
});

t.test('createDriftReport takes the sample column from the query', async (t) => {
  const { api, token } = await startDriftApp(t);
  const csv = ONE_FILE.replace(/^sample,/, 'year_group,');

  const response = await api.request({ method: 'POST', url: '/drift/reports?sample_column=year_group', token, payload: csv, headers: { 'content-type': 'text/csv' } });

  t.equal(response.statusCode, 201);
  t.same(response.json().details, EXPECTED.details);
});

t.test('createDriftReport types CSV columns over both samples', async (t) => {
  const { api, token } = await startDriftApp(t);
  const csv = ['sample,amount,code', 'reference,1e3,1', 'reference,,2', 'reference,2.5,3', 'current,-4,x', 'current,.5,2', 'current,7,'].join('\n');

  const response = await api.request({ method: 'POST', url: '/drift/reports', token, payload: csv, headers: { 'content-type': 'text/csv' } });

  t.equal(response.statusCode, 201);
  const [amount, code] = response.json().features;
  t.same([amount.kind, amount.reference_count, amount.missing_count], ['numerical', 2, 1], 'empty cells are missing');
  t.same([code.kind, code.current_count, code.missing_count], ['categorical', 2, 1], 'one non-number makes the column categorical');
});

t.test('createDriftReport rejects a CSV body over the limit (413)', async (t) => {
  const { api, token } = await startDriftApp(t, { DRIFT_BODY_LIMIT_BYTES: '4096' });

  const response = await api.request({ method: 'POST', url: '/drift/reports', token, payload: ONE_FILE, headers: { 'content-type': 'text/csv' } });

  t.equal(response.statusCode, 413);
  t.equal(response.json().code, 'payload-too-large');
  t.equal(response.json().detail, 'The body is larger than this server accepts (4096 bytes); send a smaller body.');
  t.same(await storedCounts(api), { reports: 0, notifications: 0, profiles: 0 }, 'nothing stored');
});

t.test('createDriftReport rejects an uploaded file over the limit (413)', async (t) => {
  const { api, token } = await startDriftApp(t, { DRIFT_BODY_LIMIT_BYTES: '4096' });
  const { payload, headers } = multipartBody([
    { name: 'reference', content: REFERENCE_FILE },
    { name: 'current', content: CURRENT_FILE },
  ]);

  const response = await api.request({ method: 'POST', url: '/drift/reports', token, payload, headers });

  t.equal(response.statusCode, 413);
  t.equal(response.json().code, 'payload-too-large');
  t.equal(response.json().detail, 'An uploaded file is larger than this server accepts (4096 bytes per file); send a smaller sample.');
  t.same(await storedCounts(api), { reports: 0, notifications: 0, profiles: 0 }, 'nothing stored');
});

t.test('other operations reject CSV (415)', async (t) => {
  const { api, token } = await startDriftApp(t);

  const response = await api.request({ method: 'POST', url: '/users', token, payload: 'username\nalice', headers: { 'content-type': 'text/csv' } });

  t.equal(response.statusCode, 415);
  t.equal(response.json().code, 'unsupported-media-type');
});
