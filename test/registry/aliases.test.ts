import t from 'tap';
import { STATS, STATS_V2, createUserToken, nextLink, registerModel, startEmptyApp } from './fixtures.js';

t.test('setModelAlias moves production and records each move', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  const bob = await createUserToken(api, admin);
  const id = await registerModel(api, admin);
  await api.request({ method: 'POST', url: `/models/${id}/versions`, token: admin, payload: { stats: STATS_V2 } });

  const created = await api.request({ method: 'PUT', url: `/models/${id}/aliases/production`, token: admin, payload: { version: 1 } });
  const moved = await api.request({ method: 'PUT', url: `/models/${id}/aliases/production`, token: bob, payload: { version: 2 } });
  const repeated = await api.request({ method: 'PUT', url: `/models/${id}/aliases/production`, token: bob, payload: { version: 2 } });

  t.equal(created.statusCode, 200);
  t.match(created.json(), { alias: 'production', version: 1, updated_by: 'user' });
  t.match(moved.json(), { alias: 'production', version: 2, updated_by: 'bob' });
  t.same(repeated.json(), moved.json(), 'setting the same version changes nothing');

  const history = await api.request({ method: 'GET', url: `/models/${id}/alias-history`, token: admin });
  t.equal(history.statusCode, 200);
  t.match(history.json(), [
    { alias: 'production', from_version: 1, to_version: 2, moved_by: 'bob' },
    { alias: 'production', from_version: null, to_version: 1, moved_by: 'user' },
  ]);
  t.equal(history.json().length, 2, 'the repeated PUT added no history');

  const notifications = (await api.request({ method: 'GET', url: '/notifications', token: admin })).json();
  t.match(notifications.slice(0, 2), [
    { kind: 'model_alias_moved', message: 'bob pointed churn-classifier@production at version 2 (moved from version 1).', model_id: id, related_id: 2 },
    { kind: 'model_alias_moved', message: 'user pointed churn-classifier@production at version 1 (created).', model_id: id, related_id: 1 },
  ]);
});

t.test('listModels and getModel show the production version, else the newest', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  const id = await registerModel(api, admin);
  await api.request({ method: 'POST', url: `/models/${id}/versions`, token: admin, payload: { stats: STATS_V2 } });

  const before = await api.request({ method: 'GET', url: '/models', token: admin });
  await api.request({ method: 'PUT', url: `/models/${id}/aliases/production`, token: admin, payload: { version: 1 } });
  const pinned = await api.request({ method: 'GET', url: '/models', token: admin });
  const detail = await api.request({ method: 'GET', url: `/models/${id}`, token: admin });
  const version1 = await api.request({ method: 'GET', url: `/models/${id}/versions/1`, token: admin });

  t.same(before.json(), [{ id, name: 'churn-classifier', labels: ['classification'], stats: STATS_V2 }]);
  t.same(pinned.json(), [{ id, name: 'churn-classifier', labels: ['classification'], stats: STATS }]);
  t.match(detail.json(), { current_version: 1, latest_version: 2, stats: STATS, aliases: [{ alias: 'production', version: 1, updated_by: 'user' }] });
  t.same(version1.json().aliases, ['production']);
});

t.test('deleteModelAlias removes the alias and records it (204)', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  const id = await registerModel(api, admin);
  await api.request({ method: 'PUT', url: `/models/${id}/aliases/champion`, token: admin, payload: { version: 1 } });

  const response = await api.request({ method: 'DELETE', url: `/models/${id}/aliases/champion`, token: admin });
  const again = await api.request({ method: 'DELETE', url: `/models/${id}/aliases/champion`, token: admin });

  t.equal(response.statusCode, 204);
  t.equal(response.body, '');
  t.equal(again.statusCode, 404);
  t.equal(again.json().detail, `Model churn-classifier (id ${id}) has no alias champion; see its aliases with GET /models/${id}.`);
  const history = await api.request({ method: 'GET', url: `/models/${id}/alias-history`, token: admin });
  t.match(history.json()[0], { alias: 'champion', from_version: 1, to_version: null, moved_by: 'user' });
  const detail = await api.request({ method: 'GET', url: `/models/${id}`, token: admin });
  t.same(detail.json().aliases, []);
});

const INVALID_ALIASES: Array<{ name: string; url: (id: number) => string; payload: unknown; status: number; detail: RegExp }> = [
  { name: 'an unknown version', url: (id) => `/models/${id}/aliases/production`, payload: { version: 9 }, status: 404, detail: /has no version 9/ },
  { name: 'an unknown model', url: () => '/models/999/aliases/production', payload: { version: 1 }, status: 404, detail: /No model has the id 999/ },
  { name: 'an upper-case alias', url: (id) => `/models/${id}/aliases/Production`, payload: { version: 1 }, status: 400, detail: /params\/alias must match pattern/ },
  { name: 'version zero', url: (id) => `/models/${id}/aliases/production`, payload: { version: 0 }, status: 400, detail: /body\/version must be >= 1/ },
  { name: 'a string version', url: (id) => `/models/${id}/aliases/production`, payload: { version: '1' }, status: 400, detail: /body\/version must be integer/ },
  { name: 'an extra field', url: (id) => `/models/${id}/aliases/production`, payload: { version: 1, note: 'x' }, status: 400, detail: /unknown property "note"/ },
];

t.test('setModelAlias rejects invalid requests', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  const id = await registerModel(api, admin);

  for (const row of INVALID_ALIASES) {
    await t.test(`setModelAlias rejects ${row.name} (${row.status})`, async (t) => {
      const response = await api.request({ method: 'PUT', url: row.url(id), token: admin, payload: row.payload as object });

      t.equal(response.statusCode, row.status);
      t.match(response.json().detail, row.detail);
      t.equal((await api.app.storage.db.selectFrom('model_aliases').selectAll().execute()).length, 0, 'no alias stored');
      t.equal((await api.app.storage.db.selectFrom('model_alias_history').selectAll().execute()).length, 0, 'no history stored');
    });
  }
});

t.test('setModelAlias other statuses (401, 413, 415)', async (t) => {
  const { api, admin } = await startEmptyApp(t, { BODY_LIMIT_BYTES: '1024' });
  const id = await registerModel(api, admin);

  const anonymous = await api.request({ method: 'PUT', url: `/models/${id}/aliases/production`, payload: { version: 1 } });
  const text = await api.request({ method: 'PUT', url: `/models/${id}/aliases/production`, token: admin, headers: { 'content-type': 'text/plain' }, payload: '1' });
  const large = await api.request({ method: 'PUT', url: `/models/${id}/aliases/production`, token: admin, headers: { 'content-type': 'application/json' }, payload: `{"version":1,"x":"${'y'.repeat(2000)}"}` });

  t.equal(anonymous.statusCode, 401);
  t.equal(text.statusCode, 415);
  t.equal(large.statusCode, 413);
});

t.test('deleteModelAlias other statuses (400, 401, 404)', async (t) => {
  const { api, admin } = await startEmptyApp(t);

  t.equal((await api.request({ method: 'DELETE', url: '/models/1/aliases/BAD', token: admin })).statusCode, 400);
  t.equal((await api.request({ method: 'DELETE', url: '/models/1/aliases/production' })).statusCode, 401);
  t.equal((await api.request({ method: 'DELETE', url: '/models/1/aliases/production', token: admin })).statusCode, 404);
});

t.test('listModelAliasHistory pages newest first', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  const id = await registerModel(api, admin);
  await api.request({ method: 'POST', url: `/models/${id}/versions`, token: admin, payload: { stats: STATS_V2 } });
  for (const version of [1, 2, 1]) await api.request({ method: 'PUT', url: `/models/${id}/aliases/production`, token: admin, payload: { version } });

  const first = await api.request({ method: 'GET', url: `/models/${id}/alias-history?limit=2`, token: admin });
  const second = await api.request({ method: 'GET', url: nextLink(first.headers.link)!, token: admin });

  t.same(first.json().map((move: { to_version: number }) => move.to_version), [1, 2]);
  t.same(second.json().map((move: { to_version: number }) => move.to_version), [1]);
  t.equal(second.headers.link, undefined);
});

t.test('listModelAliasHistory error statuses', async (t) => {
  const { api, admin } = await startEmptyApp(t);

  t.equal((await api.request({ method: 'GET', url: '/models/5/alias-history', token: admin })).statusCode, 404);
  t.equal((await api.request({ method: 'GET', url: '/models/5/alias-history?limit=0', token: admin })).statusCode, 400);
  t.equal((await api.request({ method: 'GET', url: '/models/5/alias-history' })).statusCode, 401);
});
