import t from 'tap';
import { buildProfile, countCurrent, type DriftProfile } from '../../src/drift/index.js';
import { startDriftApp, storedCounts, uniformValues } from './support.js';

const REFERENCE = {
  x: uniformValues(400, 11),
  colour: Array.from({ length: 400 }, (_, i) => ['red', 'green', 'blue', 'grey'][i % 4]!),
};
const CURRENT = {
  x: uniformValues(400, 12, 0.1),
  colour: Array.from({ length: 400 }, (_, i) => ['red', 'blue', 'violet'][i % 3]!),
};

for (const method of ['psi', 'jensenshannon', 'chisquare'] as const) {
  t.test(`createDriftReport on counts equals raw samples for ${method}`, async (t) => {
    const { api, token, modelId } = await startDriftApp(t);
    const featureOptions = { x: { method }, colour: { method } };
    const raw = await api.request({ method: 'POST', url: '/drift/reports', token, payload: { model_id: modelId, reference: REFERENCE, current: CURRENT, feature_options: featureOptions } });
    const profile = await api.request({ method: 'GET', url: `/models/${modelId}/drift-profile`, token });

    const counts = countCurrent(profile.json().profile as DriftProfile, CURRENT);
    const counted = await api.request({ method: 'POST', url: '/drift/reports', token, payload: { model_id: modelId, counts, feature_options: featureOptions } });

    t.equal(raw.statusCode, 201);
    t.equal(counted.statusCode, 201);
    t.same(counted.json().features, raw.json().features);
    t.same(counted.json().details, raw.json().details);
    t.equal(counted.json().drift_score, raw.json().drift_score);
  });
}

t.test('createDriftReport on counts estimates Wasserstein', async (t) => {
  const { api, token } = await startDriftApp(t);
  const profile = buildProfile(REFERENCE, { bins: 20 });

  const response = await api.request({ method: 'POST', url: '/drift/reports', token, payload: { profile, counts: countCurrent(profile, CURRENT), feature_options: { x: { method: 'wasserstein' } } } });

  t.equal(response.statusCode, 201);
  const [x] = response.json().features;
  t.equal(x.method, 'wasserstein');
  t.equal(x.approximate, true);
  t.match(x.note, /Estimated from the profile's bins/);
  t.equal(response.json().model_id, null);
});

const INVALID_COUNTS: Array<{ name: string; payload: (profile: DriftProfile) => unknown; detail: RegExp }> = [
  { name: 'ks on counts', payload: (profile) => ({ profile, counts: countCurrent(profile, CURRENT), feature_options: { x: { method: 'ks' } } }), detail: /Feature "x": the KS test needs raw values and is not offered on counts; use chisquare .* or wasserstein/ },
  { name: 'bins on counts', payload: (profile) => ({ profile, counts: countCurrent(profile, CURRENT), feature_options: { x: { method: 'psi', bins: 5 } } }), detail: /Feature "x" has its bins fixed by the profile/ },
  { name: 'counts of the wrong length', payload: (profile) => ({ profile, counts: { features: { ...countCurrent(profile, CURRENT).features, x: { kind: 'numerical', counts: [1, 2, 3] } } } }), detail: /Feature "x" has 3 bin counts, but the profile has 10 bins/ },
  { name: 'counts of the wrong kind', payload: (profile) => ({ profile, counts: { features: { ...countCurrent(profile, CURRENT).features, colour: { kind: 'numerical', counts: [1, 2] } } } }), detail: /Feature "colour" is categorical in the profile/ },
  { name: 'counts of a feature not in the profile', payload: (profile) => ({ profile, counts: { features: { ...countCurrent(profile, CURRENT).features, y: { kind: 'categorical', categories: { a: 1 } } } } }), detail: /The counts and the profile have different features \(only in the counts: "y"\)/ },
  { name: 'counts without a profile feature', payload: (profile) => ({ profile, counts: { features: { x: countCurrent(profile, CURRENT).features.x! } } }), detail: /only in the profile: "colour"/ },
  { name: 'a negative count', payload: (profile) => ({ profile, counts: { features: { ...countCurrent(profile, CURRENT).features, colour: { kind: 'categorical', categories: { red: -1 } } } } }), detail: /body\/counts\/features\/colour/ },
  { name: 'a profile with unsorted edges', payload: (profile) => ({ profile: { ...profile, features: { ...profile.features, x: { ...profile.features.x!, edges: [...(profile.features.x as { edges: number[] }).edges].reverse() } } }, counts: countCurrent(profile, CURRENT) }), detail: /Feature "x" has an invalid profile: edges must be finite and strictly ascending/ },
];

for (const { name, payload, detail } of INVALID_COUNTS) {
  t.test(`createDriftReport rejects ${name} (400)`, async (t) => {
    const { api, token } = await startDriftApp(t);
    const profile = buildProfile(REFERENCE);

    const response = await api.request({ method: 'POST', url: '/drift/reports', token, payload: payload(profile) as object });

    t.equal(response.statusCode, 400);
    t.equal(response.json().code, 'invalid-request');
    t.match(response.json().detail, detail);
    t.same(await storedCounts(api), { reports: 0, notifications: 0, profiles: 0 }, 'nothing stored');
  });
}

t.test('createDriftReport on counts needs a stored profile (404)', async (t) => {
  const { api, token, modelId } = await startDriftApp(t);
  const counts = countCurrent(buildProfile(REFERENCE), CURRENT);

  const response = await api.request({ method: 'POST', url: '/drift/reports', token, payload: { model_id: modelId, counts } });

  t.equal(response.statusCode, 404);
  t.equal(response.json().code, 'not-found');
  t.equal(response.json().detail, `Model ${modelId} has no drift profile yet; register a reference sample with PUT /models/${modelId}/drift-profile, or create a report from raw samples with model_id ${modelId}.`);
  t.same(await storedCounts(api), { reports: 0, notifications: 0, profiles: 0 }, 'nothing stored');
});
