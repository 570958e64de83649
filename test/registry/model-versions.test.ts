import t from 'tap';
import { STATS, STATS_V2, nextLink, registerModel, startEmptyApp } from './fixtures.js';

t.test('createModelVersion adds the next version (201)', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  const id = await registerModel(api, admin);

  const response = await api.request({ method: 'POST', url: `/models/${id}/versions`, token: admin, payload: { stats: STATS_V2, metrics: { accuracy: 0.89 } } });

  t.equal(response.statusCode, 201);
  t.equal(response.headers.location, `/models/${id}/versions/2`);
  t.match(response.json(), { model_id: id, version: 2, status: 'staging', stats: STATS_V2, metrics: { accuracy: 0.89 }, created_by: 'user', aliases: [] });
  const model = await api.request({ method: 'GET', url: `/models/${id}`, token: admin });
  t.equal(model.json().latest_version, 2);
  t.equal(model.json().current_version, 2, 'without a production alias the newest version is current');
});

t.test('createModelVersion numbers concurrent versions distinctly', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  const id = await registerModel(api, admin);

  const responses = await Promise.all([1, 2, 3, 4].map(() => api.request({ method: 'POST', url: `/models/${id}/versions`, token: admin, payload: { stats: STATS_V2 } })));

  t.same(responses.map((response) => response.statusCode), [201, 201, 201, 201]);
  t.same(responses.map((response) => response.json().version).sort(), [2, 3, 4, 5]);
});

t.test('createModelVersion error statuses', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  const id = await registerModel(api, admin);

  const unknown = await api.request({ method: 'POST', url: '/models/99/versions', token: admin, payload: { stats: STATS } });
  const invalid = await api.request({ method: 'POST', url: `/models/${id}/versions`, token: admin, payload: { stats: { ...STATS, feature_means: [1] } } });
  const anonymous = await api.request({ method: 'POST', url: `/models/${id}/versions`, payload: { stats: STATS } });
  const text = await api.request({ method: 'POST', url: `/models/${id}/versions`, token: admin, headers: { 'content-type': 'text/plain' }, payload: 'x' });

  t.equal(unknown.statusCode, 404);
  t.equal(invalid.statusCode, 400);
  t.equal(invalid.json().detail, 'body/stats/feature_means has 1 entries but feature_names has 2; send one entry per feature.');
  t.equal(anonymous.statusCode, 401);
  t.equal(text.statusCode, 415);
  const versions = await api.app.storage.db.selectFrom('model_versions').selectAll().execute();
  t.equal(versions.length, 1, 'nothing stored');
});

t.test('createModelVersion rejects a body over the limit (413)', async (t) => {
  const { api, admin } = await startEmptyApp(t, { BODY_LIMIT_BYTES: '2048' });
  const id = await registerModel(api, admin);
  const many = Array.from({ length: 200 }, (_, index) => `feature_${index}`);

  const response = await api.request({ method: 'POST', url: `/models/${id}/versions`, token: admin, payload: { stats: { feature_names: many, coefficients: many.map(() => 1), feature_means: many.map(() => 1), coefficient_variance: many.map(() => 1) } } });

  t.equal(response.statusCode, 413);
});

t.test('listModelVersions pages newest first', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  const id = await registerModel(api, admin);
  for (let i = 0; i < 4; i++) await api.request({ method: 'POST', url: `/models/${id}/versions`, token: admin, payload: { stats: STATS_V2 } });

  const first = await api.request({ method: 'GET', url: `/models/${id}/versions?limit=2`, token: admin });
  const second = await api.request({ method: 'GET', url: nextLink(first.headers.link)!, token: admin });
  const third = await api.request({ method: 'GET', url: nextLink(second.headers.link)!, token: admin });

  t.same(first.json().map((version: { version: number }) => version.version), [5, 4]);
  t.same(second.json().map((version: { version: number }) => version.version), [3, 2]);
  t.same(third.json().map((version: { version: number }) => version.version), [1]);
  t.equal(third.headers.link, undefined, 'the last page has no Link');
});

t.test('listModelVersions error statuses', async (t) => {
  const { api, admin } = await startEmptyApp(t);

  const unknown = await api.request({ method: 'GET', url: '/models/9/versions', token: admin });
  const badCursor = await api.request({ method: 'GET', url: '/models/9/versions?cursor=nonsense', token: admin });
  const anonymous = await api.request({ method: 'GET', url: '/models/9/versions' });

  t.equal(unknown.statusCode, 404);
  t.equal(badCursor.statusCode, 400);
  t.match(badCursor.json().detail, /querystring\/cursor is not a cursor this list issued/);
  t.equal(anonymous.statusCode, 401);
});

t.test('getModelVersion error statuses', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  const id = await registerModel(api, admin);

  const unknownVersion = await api.request({ method: 'GET', url: `/models/${id}/versions/7`, token: admin });
  const unknownModel = await api.request({ method: 'GET', url: '/models/99/versions/1', token: admin });
  const zero = await api.request({ method: 'GET', url: `/models/${id}/versions/0`, token: admin });
  const anonymous = await api.request({ method: 'GET', url: `/models/${id}/versions/1` });

  t.equal(unknownVersion.statusCode, 404);
  t.equal(unknownVersion.json().detail, `Model churn-classifier (id ${id}) has no version 7; list its versions with GET /models/${id}/versions.`);
  t.equal(unknownModel.statusCode, 404);
  t.equal(zero.statusCode, 400);
  t.equal(anonymous.statusCode, 401);
});
