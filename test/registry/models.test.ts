import t from 'tap';
import { STATS, createUserToken, modelBody, registerModel, startEmptyApp } from './fixtures.js';

t.test('createModel registers a model with version 1 (201)', async (t) => {
  const { api } = await startEmptyApp(t);
  const bob = await createUserToken(api, await api.login());

  const response = await api.request({ method: 'POST', url: '/models', token: bob, payload: modelBody() });

  t.equal(response.statusCode, 201);
  const model = response.json();
  t.equal(response.headers.location, `/models/${model.id}`);
  t.match(model, {
    name: 'churn-classifier',
    description: 'Predicts churn.',
    labels: ['classification'],
    tags: ['team-growth'],
    owner: 'bob',
    current_version: 1,
    latest_version: 1,
    stats: STATS,
    aliases: [],
  });
  t.equal(model.created_at, model.updated_at);
  const fetched = await api.request({ method: 'GET', url: `/models/${model.id}`, token: bob });
  t.same(fetched.json(), model);
  const version = await api.request({ method: 'GET', url: `/models/${model.id}/versions/1`, token: bob });
  t.match(version.json(), { model_id: model.id, version: 1, status: 'staging', stats: STATS, metrics: { accuracy: 0.87 }, created_by: 'bob', aliases: [] });
});

t.test('createModel rejects a duplicate name (409)', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  await registerModel(api, admin);

  const response = await api.request({ method: 'POST', url: '/models', token: admin, payload: modelBody() });

  t.equal(response.statusCode, 409);
  t.same(response.json(), {
    type: 'urn:problem:model-name-taken',
    title: 'Conflict',
    status: 409,
    detail: 'A model named churn-classifier is registered already; choose another name, or add a version with POST /models/{id}/versions.',
    instance: '/models',
    code: 'model-name-taken',
  });
  const rows = await api.app.storage.db.selectFrom('model_versions').selectAll().execute();
  t.equal(rows.length, 1, 'no second version was stored');
});

t.test('createModel gives one 201 and one 409 to concurrent registrations', async (t) => {
  const { api, admin } = await startEmptyApp(t);

  const responses = await Promise.all([1, 2, 3].map(() => api.request({ method: 'POST', url: '/models', token: admin, payload: modelBody('raced') })));

  t.same(responses.map((response) => response.statusCode).sort(), [201, 409, 409]);
});

const INVALID_MODELS: Array<{ name: string; payload: Record<string, unknown>; detail: RegExp }> = [
  { name: 'a missing version', payload: { name: 'm' }, detail: /body\/version is missing/ },
  { name: 'a name with spaces', payload: modelBody('churn model'), detail: /body\/name must match pattern/ },
  { name: 'duplicate labels', payload: modelBody('m', { labels: ['a', 'a'] }), detail: /body\/labels must NOT have duplicate items/ },
  { name: 'a tag with a quote', payload: modelBody('m', { tags: ['a"b'] }), detail: /body\/tags\/0 must match pattern/ },
  { name: 'an unknown field', payload: modelBody('m', { owner: 'eve' }), detail: /unknown property "owner"/ },
  {
    name: 'a coefficient missing',
    payload: modelBody('m', { version: { stats: { ...STATS, coefficients: [1] } } }),
    detail: /^body\/version\/stats\/coefficients has 1 entries but feature_names has 2; send one entry per feature\.$/,
  },
  {
    name: 'repeated feature names',
    payload: modelBody('m', { version: { stats: { ...STATS, feature_names: ['a', 'a'] } } }),
    detail: /body\/version\/stats\/feature_names must NOT have duplicate items/,
  },
  {
    name: 'a blank feature name',
    payload: modelBody('m', { version: { stats: { ...STATS, feature_names: ['a', ' '] } } }),
    detail: /^body\/version\/stats\/feature_names\/1 is blank; name every feature\.$/,
  },
  {
    name: 'an empty feature name',
    payload: modelBody('m', { version: { stats: { ...STATS, feature_names: ['a', ''] } } }),
    detail: /body\/version\/stats\/feature_names\/1 must NOT have fewer than 1 characters/,
  },
  {
    name: 'a negative variance',
    payload: modelBody('m', { version: { stats: { ...STATS, coefficient_variance: [0.1, -0.1] } } }),
    detail: /body\/version\/stats\/coefficient_variance\/1 must be >= 0/,
  },
  {
    name: 'a string coefficient',
    payload: modelBody('m', { version: { stats: { ...STATS, coefficients: [1, '2'] } } }),
    detail: /body\/version\/stats\/coefficients\/1 must be number, but it is "2"/,
  },
  {
    name: 'a non-numeric metric',
    payload: modelBody('m', { version: { stats: STATS, metrics: { accuracy: 'high' } } }),
    detail: /body\/version\/metrics\/accuracy must be number/,
  },
  { name: 'an unknown version status', payload: modelBody('m', { version: { stats: STATS, status: 'live' } }), detail: /body\/version\/status must be one of "staging", "production", "archived"/ },
  { name: 'no features', payload: modelBody('m', { version: { stats: { feature_names: [], coefficients: [], feature_means: [], coefficient_variance: [] } } }), detail: /feature_names must NOT have fewer than 1 items/ },
];

t.test('createModel rejects invalid bodies (400)', async (t) => {
  const { api, admin } = await startEmptyApp(t);

  for (const row of INVALID_MODELS) {
    await t.test(`createModel rejects ${row.name} (400)`, async (t) => {
      const response = await api.request({ method: 'POST', url: '/models', token: admin, payload: row.payload });

      t.equal(response.statusCode, 400);
      t.equal(response.json().code, 'invalid-request');
      t.match(response.json().detail, row.detail);
      t.equal((await api.app.storage.db.selectFrom('models').selectAll().execute()).length, 0, 'nothing stored');
    });
  }
});

t.test('createModel requires a token (401)', async (t) => {
  const { api } = await startEmptyApp(t);

  const response = await api.request({ method: 'POST', url: '/models', payload: modelBody() });

  t.equal(response.statusCode, 401);
  t.equal(response.json().code, 'token-missing');
});

t.test('createModel rejects a non-JSON body (415)', async (t) => {
  const { api, admin } = await startEmptyApp(t);

  const response = await api.request({ method: 'POST', url: '/models', token: admin, headers: { 'content-type': 'text/plain' }, payload: 'churn' });

  t.equal(response.statusCode, 415);
  t.equal(response.json().code, 'unsupported-media-type');
});

t.test('createModel rejects a body over the limit (413)', async (t) => {
  const { api, admin } = await startEmptyApp(t, { BODY_LIMIT_BYTES: '2048' });

  const response = await api.request({ method: 'POST', url: '/models', token: admin, payload: modelBody('m', { description: 'x'.repeat(3000) }) });

  t.equal(response.statusCode, 413);
  t.equal(response.json().code, 'payload-too-large');
});

t.test('getModel returns 404 for an unknown id', async (t) => {
  const { api, admin } = await startEmptyApp(t);

  const response = await api.request({ method: 'GET', url: '/models/42', token: admin });

  t.equal(response.statusCode, 404);
  t.same(response.json(), {
    type: 'urn:problem:not-found',
    title: 'Not found',
    status: 404,
    detail: 'No model has the id 42; list the models with GET /models.',
    instance: '/models/42',
    code: 'not-found',
  });
});

t.test('getModel rejects a non-integer id (400)', async (t) => {
  const { api, admin } = await startEmptyApp(t);

  const response = await api.request({ method: 'GET', url: '/models/abc', token: admin });

  t.equal(response.statusCode, 400);
  t.equal(response.json().code, 'invalid-request');
});

t.test('updateModel changes only the fields sent', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  const id = await registerModel(api, admin);

  const response = await api.request({ method: 'PATCH', url: `/models/${id}`, token: admin, payload: { tags: ['team-growth', 'reviewed'] } });

  t.equal(response.statusCode, 200);
  t.same(response.json().tags, ['team-growth', 'reviewed']);
  t.equal(response.json().description, 'Predicts churn.');
  t.same(response.json().labels, ['classification']);
});

const INVALID_UPDATES: Array<{ name: string; payload: Record<string, unknown>; detail: RegExp }> = [
  { name: 'an empty body', payload: {}, detail: /body must NOT have fewer than 1 properties/ },
  { name: 'a name change', payload: { name: 'other' }, detail: /unknown property "name"/ },
  { name: 'duplicate tags', payload: { tags: ['a', 'a'] }, detail: /body\/tags must NOT have duplicate items/ },
];

t.test('updateModel rejects invalid bodies (400)', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  const id = await registerModel(api, admin);

  for (const row of INVALID_UPDATES) {
    await t.test(`updateModel rejects ${row.name} (400)`, async (t) => {
      const response = await api.request({ method: 'PATCH', url: `/models/${id}`, token: admin, payload: row.payload });

      t.equal(response.statusCode, 400);
      t.match(response.json().detail, row.detail);
      const model = await api.request({ method: 'GET', url: `/models/${id}`, token: admin });
      t.same(model.json().tags, ['team-growth'], 'nothing stored');
    });
  }
});

t.test('updateModel statuses for unknown model, token and media type', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  const id = await registerModel(api, admin);

  const unknown = await api.request({ method: 'PATCH', url: '/models/99', token: admin, payload: { tags: [] } });
  const anonymous = await api.request({ method: 'PATCH', url: `/models/${id}`, payload: { tags: [] } });
  const text = await api.request({ method: 'PATCH', url: `/models/${id}`, token: admin, headers: { 'content-type': 'text/plain' }, payload: 'x' });

  t.equal(unknown.statusCode, 404);
  t.equal(anonymous.statusCode, 401);
  t.equal(text.statusCode, 415);
});

t.test('updateModel rejects a body over the limit (413)', async (t) => {
  const { api, admin } = await startEmptyApp(t, { BODY_LIMIT_BYTES: '2048' });
  const id = await registerModel(api, admin);

  const response = await api.request({ method: 'PATCH', url: `/models/${id}`, token: admin, payload: { description: 'x'.repeat(3000) } });

  t.equal(response.statusCode, 413);
});
