import t from 'tap';
import { buildProfile } from '../../src/drift/index.js';
import { startDriftApp, storedCounts, uniformValues } from './support.js';

const REFERENCE = {
  x: uniformValues(400, 11),
  colour: Array.from({ length: 400 }, (_, i) => ['red', 'green', 'blue', 'grey'][i % 4]!),
};
const CURRENT = {
  x: uniformValues(400, 12, 0.1),
  colour: Array.from({ length: 400 }, (_, i) => ['red', 'blue', 'violet'][i % 3]!),
};

t.test('putDriftProfile stores the reference profile (200)', async (t) => {
  const { api, token, modelId } = await startDriftApp(t);

  const response = await api.request({ method: 'PUT', url: `/models/${modelId}/drift-profile`, token, payload: { reference: REFERENCE, bins: 20 } });

  t.equal(response.statusCode, 200);
  const body = response.json();
  t.same(body, { model_id: modelId, report_id: null, created_at: body.created_at, profile: buildProfile(REFERENCE, { bins: 20 }) });
  const stored = await api.request({ method: 'GET', url: `/models/${modelId}/drift-profile`, token });
  t.same(stored.json(), body, 'getDriftProfile returns it');
  t.equal((body.profile.features.x.edges as number[]).length, 19, '20 bins have 19 inner edges');
  t.same(Object.keys(body.profile.features.colour.categories), ['blue', 'green', 'grey', 'red']);
});

t.test('createDriftReport replaces a registered profile', async (t) => {
  const { api, token, modelId } = await startDriftApp(t);
  await api.request({ method: 'PUT', url: `/models/${modelId}/drift-profile`, token, payload: { reference: REFERENCE, bins: 20 } });

  await api.request({ method: 'POST', url: '/drift/reports', token, payload: { model_id: modelId, reference: CURRENT, current: REFERENCE } });

  const stored = await api.request({ method: 'GET', url: `/models/${modelId}/drift-profile`, token });
  t.equal(stored.json().report_id, 1);
  t.same(stored.json().profile, buildProfile(CURRENT), 'the newer reference wins');
});

const PROFILE_NOT_FOUND: Array<{ name: string; model: (modelId: number) => number; detail: (modelId: number) => string }> = [
  { name: 'an unknown model', model: () => 99, detail: () => 'Model 99 does not exist; list the models with GET /models.' },
  { name: 'a model without a profile', model: (modelId) => modelId, detail: (modelId) => `Model ${modelId} has no drift profile yet; register a reference sample with PUT /models/${modelId}/drift-profile, or create a report from raw samples with model_id ${modelId}.` },
];

for (const { name, model, detail } of PROFILE_NOT_FOUND) {
  t.test(`getDriftProfile rejects ${name} (404)`, async (t) => {
    const { api, token, modelId } = await startDriftApp(t);

    const response = await api.request({ method: 'GET', url: `/models/${model(modelId)}/drift-profile`, token });

    t.equal(response.statusCode, 404);
    t.same(response.json(), { type: 'urn:problem:not-found', title: 'Not found', status: 404, detail: detail(modelId), instance: `/models/${model(modelId)}/drift-profile`, code: 'not-found' });
  });
}

t.test('putDriftProfile rejects an unknown model (404)', async (t) => {
  const { api, token } = await startDriftApp(t);

  const response = await api.request({ method: 'PUT', url: '/models/99/drift-profile', token, payload: { reference: REFERENCE } });

  t.equal(response.statusCode, 404);
  t.equal(response.json().detail, 'Model 99 does not exist; list the models with GET /models.');
  t.same(await storedCounts(api), { reports: 0, notifications: 0, profiles: 0 }, 'nothing stored');
});

const INVALID_PROFILES: Array<{ name: string; url?: string; payload: unknown; detail: RegExp }> = [
  { name: 'a missing reference', payload: { bins: 10 }, detail: /body\/reference is missing/ },
  { name: 'an empty column', payload: { reference: { x: [] } }, detail: /body\/reference\/x must NOT have fewer than 1 items/ },
  { name: 'bins of 1', payload: { reference: REFERENCE, bins: 1 }, detail: /body\/bins must be >= 2/ },
  { name: 'a current sample', payload: { reference: REFERENCE, current: CURRENT }, detail: /unknown property "current"/ },
  { name: 'a model id of 0', url: '/models/0/drift-profile', payload: { reference: REFERENCE }, detail: /params\/id must be >= 1/ },
];

for (const { name, url, payload, detail } of INVALID_PROFILES) {
  t.test(`putDriftProfile rejects ${name} (400)`, async (t) => {
    const { api, token, modelId } = await startDriftApp(t);

    const response = await api.request({ method: 'PUT', url: url ?? `/models/${modelId}/drift-profile`, token, payload: payload as object });

    t.equal(response.statusCode, 400);
    t.equal(response.json().code, 'invalid-request');
    t.match(response.json().detail, detail);
    t.same(await storedCounts(api), { reports: 0, notifications: 0, profiles: 0 }, 'nothing stored');
  });
}

t.test('putDriftProfile requires a token (401)', async (t) => {
  const { api, modelId } = await startDriftApp(t);

  const response = await api.request({ method: 'PUT', url: `/models/${modelId}/drift-profile`, payload: { reference: REFERENCE } });

  t.equal(response.statusCode, 401);
  t.equal(response.json().code, 'token-missing');
});

t.test('getDriftProfile requires a token (401)', async (t) => {
  const { api, modelId } = await startDriftApp(t);

  const response = await api.request({ method: 'GET', url: `/models/${modelId}/drift-profile` });

  t.equal(response.statusCode, 401);
});

t.test('putDriftProfile rejects a body over the limit (413)', async (t) => {
  const { api, token, modelId } = await startDriftApp(t, { DRIFT_BODY_LIMIT_BYTES: '4096' });

  const response = await api.request({ method: 'PUT', url: `/models/${modelId}/drift-profile`, token, payload: { reference: REFERENCE } });

  t.equal(response.statusCode, 413);
  t.equal(response.json().detail, 'The body is larger than this server accepts (4096 bytes); send a smaller body.');
});

t.test('putDriftProfile rejects CSV (415)', async (t) => {
  const { api, token, modelId } = await startDriftApp(t);

  const response = await api.request({ method: 'PUT', url: `/models/${modelId}/drift-profile`, token, payload: 'x\n1', headers: { 'content-type': 'text/csv' } });

  t.equal(response.statusCode, 415);
  t.equal(response.json().code, 'unsupported-media-type');
});
