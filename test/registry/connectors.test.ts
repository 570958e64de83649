import t from 'tap';
import { createUserToken, nextLink, startEmptyApp } from './fixtures.js';
import { SECRET, createConnector, postgresBody } from './connector-fixtures.js';

t.test('createConnector stores a pending connector without returning secrets (201)', async (t) => {
  const { api, admin } = await startEmptyApp(t);

  const response = await api.request({ method: 'POST', url: '/connectors', token: admin, payload: postgresBody() });

  t.equal(response.statusCode, 201);
  const connector = response.json();
  t.equal(response.headers.location, `/connectors/${connector.id}`);
  t.match(connector, {
    name: 'Feature store',
    provider: 'postgresql',
    type: 'onprem',
    status: 'pending',
    status_reason: 'Not tested yet; test it with POST /connectors/{id}/test.',
    last_checked: null,
    settings: { host: '127.0.0.1', port: 5432, database: 'postgres', user: 'postgres' },
    secrets_set: ['password'],
  });
  t.notOk(response.body.includes(SECRET), 'the response has no secret');

  const stored = await api.app.storage.db.selectFrom('connectors').select('secrets').where('id', '=', connector.id).executeTakeFirstOrThrow();
  t.match(stored.secrets, /^v1\.[\w-]+\.[\w-]+\.[\w-]+$/, 'the stored secrets are sealed');
  t.notOk(stored.secrets!.includes(SECRET), 'the stored text is not the plaintext');
  t.notOk(Buffer.from(stored.secrets!.split('.')[3]!, 'base64url').toString('utf8').includes(SECRET), 'the ciphertext is not the plaintext');
});

t.test('updateConnector replaces secrets and resets the status', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  const id = await createConnector(api, admin, postgresBody());
  await api.request({ method: 'POST', url: `/connectors/${id}/test`, token: admin });

  const renamed = await api.request({ method: 'PATCH', url: `/connectors/${id}`, token: admin, payload: { name: 'Warehouse', type: 'cloud' } });
  const cleared = await api.request({ method: 'PATCH', url: `/connectors/${id}`, token: admin, payload: { secrets: {} } });

  t.match(renamed.json(), { name: 'Warehouse', type: 'cloud', status: 'connected' }, 'a rename keeps the status');
  t.match(cleared.json(), { status: 'pending', status_reason: 'Settings or secrets changed; test the connector again.', secrets_set: [] });
  const stored = await api.app.storage.db.selectFrom('connectors').select('secrets').where('id', '=', id).executeTakeFirstOrThrow();
  t.equal(stored.secrets, null);
});

const INVALID_CONNECTORS: Array<{ name: string; payload: Record<string, unknown>; detail: RegExp }> = [
  { name: 'a missing port', payload: { ...postgresBody(), settings: { host: '127.0.0.1', database: 'postgres', user: 'postgres' } }, detail: /^body\/settings\/port is missing; a postgresql connector needs host, port, database, user\.$/ },
  { name: 'a port out of range', payload: postgresBody('x', 70000), detail: /^body\/settings\/port must be an integer from 1 to 65535, but it is 70000\.$/ },
  { name: 'a password in settings', payload: { ...postgresBody(), settings: { host: 'h', port: 1, database: 'd', user: 'u', password: 'p' } }, detail: /body\/settings\/password is not a postgresql setting; use only host, port, database, user, ssl, and put credentials in secrets/ },
  { name: 'an unknown secret key', payload: { ...postgresBody(), secrets: { token: 'x' } }, detail: /^body\/secrets\/token is not a postgresql secret; use only password\.$/ },
  { name: 'an S3 connector without region', payload: { name: 'Lake', provider: 'aws_s3', type: 'cloud', settings: { bucket: 'b' } }, detail: /body\/settings\/region is missing/ },
  { name: 'a Databricks URL over http', payload: { name: 'DB', provider: 'databricks', type: 'cloud', settings: { workspace_url: 'http://x.example' } }, detail: /workspace_url must be an https:\/\/ URL/ },
  { name: 'an unknown provider', payload: { ...postgresBody(), provider: 'mysql' }, detail: /body\/provider must be one of/ },
  { name: 'an unknown type', payload: { ...postgresBody(), type: 'hybrid' }, detail: /body\/type must be one of "cloud", "onprem"/ },
  { name: 'a numeric secret', payload: { ...postgresBody(), secrets: { password: 123 } }, detail: /body\/secrets\/password must be string/ },
  { name: 'an object setting', payload: { ...postgresBody(), settings: { host: { name: 'h' } } }, detail: /body\/settings\/host must be string,integer,boolean/ },
  { name: 'a status field', payload: { ...postgresBody(), status: 'connected' }, detail: /unknown property "status"/ },
];

t.test('createConnector rejects invalid bodies (400)', async (t) => {
  const { api, admin } = await startEmptyApp(t);

  for (const row of INVALID_CONNECTORS) {
    await t.test(`createConnector rejects ${row.name} (400)`, async (t) => {
      const response = await api.request({ method: 'POST', url: '/connectors', token: admin, payload: row.payload });

      t.equal(response.statusCode, 400);
      t.equal(response.json().code, 'invalid-request');
      t.match(response.json().detail, row.detail);
      t.equal((await api.app.storage.db.selectFrom('connectors').select('id').execute()).length, 0, 'nothing stored');
    });
  }
});

t.test('createConnector rejects a duplicate name (409)', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  await createConnector(api, admin, postgresBody());

  const response = await api.request({ method: 'POST', url: '/connectors', token: admin, payload: postgresBody() });

  t.equal(response.statusCode, 409);
  t.same(response.json(), {
    type: 'urn:problem:connector-name-taken',
    title: 'Conflict',
    status: 409,
    detail: 'A connector named "Feature store" exists already; choose another name.',
    instance: '/connectors',
    code: 'connector-name-taken',
  });
});

t.test('connector writes are for admins only (403)', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  const bob = await createUserToken(api, admin);
  const id = await createConnector(api, admin, postgresBody());

  const attempts = [
    await api.request({ method: 'POST', url: '/connectors', token: bob, payload: postgresBody('Other') }),
    await api.request({ method: 'PATCH', url: `/connectors/${id}`, token: bob, payload: { name: 'Mine' } }),
    await api.request({ method: 'DELETE', url: `/connectors/${id}`, token: bob }),
    await api.request({ method: 'POST', url: `/connectors/${id}/test`, token: bob }),
  ];

  for (const response of attempts) {
    t.equal(response.statusCode, 403);
    t.equal(response.json().code, 'forbidden');
  }
  const read = await api.request({ method: 'GET', url: `/connectors/${id}`, token: bob });
  t.match(read.json(), { name: 'Feature store', status: 'pending' }, 'users may read, and nothing changed');
});

t.test('connector operations answer 401 without a token', async (t) => {
  const { api } = await startEmptyApp(t);

  const attempts = [
    await api.request({ method: 'POST', url: '/connectors', payload: postgresBody() }),
    await api.request({ method: 'GET', url: '/connectors/1' }),
    await api.request({ method: 'PATCH', url: '/connectors/1', payload: { name: 'x' } }),
    await api.request({ method: 'DELETE', url: '/connectors/1' }),
    await api.request({ method: 'POST', url: '/connectors/1/test' }),
  ];

  for (const response of attempts) t.equal(response.statusCode, 401);
});

t.test('connector operations answer 404 for an unknown id and 400 for a bad one', async (t) => {
  const { api, admin } = await startEmptyApp(t);

  for (const [method, url, payload] of [
    ['GET', '/connectors/9', undefined],
    ['PATCH', '/connectors/9', { name: 'x' }],
    ['DELETE', '/connectors/9', undefined],
    ['POST', '/connectors/9/test', undefined],
  ] as const) {
    const unknown = await api.request({ method, url, token: admin, ...(payload ? { payload } : {}) });
    const bad = await api.request({ method, url: url.replace('9', 'nine'), token: admin, ...(payload ? { payload } : {}) });
    t.equal(unknown.statusCode, 404, `${method} ${url}`);
    t.equal(unknown.json().detail, 'No connector has the id 9; list the connectors with GET /connectors.');
    t.equal(bad.statusCode, 400, `${method} with a bad id`);
  }
});

t.test('updateConnector error statuses (400, 409, 413, 415)', async (t) => {
  const { api, admin } = await startEmptyApp(t, { BODY_LIMIT_BYTES: '1024' });
  const id = await createConnector(api, admin, postgresBody());
  await createConnector(api, admin, postgresBody('Other'));

  const empty = await api.request({ method: 'PATCH', url: `/connectors/${id}`, token: admin, payload: {} });
  const provider = await api.request({ method: 'PATCH', url: `/connectors/${id}`, token: admin, payload: { provider: 'gcs' } });
  const badSettings = await api.request({ method: 'PATCH', url: `/connectors/${id}`, token: admin, payload: { settings: { bucket: 'b' } } });
  const nameTaken = await api.request({ method: 'PATCH', url: `/connectors/${id}`, token: admin, payload: { name: 'Other' } });
  const large = await api.request({ method: 'PATCH', url: `/connectors/${id}`, token: admin, payload: { name: 'x'.repeat(2000) } });
  const text = await api.request({ method: 'PATCH', url: `/connectors/${id}`, token: admin, headers: { 'content-type': 'text/plain' }, payload: 'x' });

  t.equal(empty.statusCode, 400);
  t.equal(provider.statusCode, 400);
  t.match(provider.json().detail, /unknown property "provider"/);
  t.equal(badSettings.statusCode, 400);
  t.match(badSettings.json().detail, /body\/settings\/host is missing/);
  t.equal(nameTaken.statusCode, 409);
  t.equal(nameTaken.json().code, 'connector-name-taken');
  t.equal(large.statusCode, 413);
  t.equal(text.statusCode, 415);
  const stored = await api.request({ method: 'GET', url: `/connectors/${id}`, token: admin });
  t.match(stored.json(), { name: 'Feature store', settings: { host: '127.0.0.1' } }, 'nothing changed');
});

t.test('createConnector rejects a body over the limit and other media types (413, 415)', async (t) => {
  const { api, admin } = await startEmptyApp(t, { BODY_LIMIT_BYTES: '1024' });

  const large = await api.request({ method: 'POST', url: '/connectors', token: admin, payload: postgresBody('x'.repeat(2000)) });
  const text = await api.request({ method: 'POST', url: '/connectors', token: admin, headers: { 'content-type': 'text/plain' }, payload: 'x' });

  t.equal(large.statusCode, 413);
  t.equal(text.statusCode, 415);
});

t.test('deleteConnector removes the connector (204)', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  const id = await createConnector(api, admin, postgresBody());

  const response = await api.request({ method: 'DELETE', url: `/connectors/${id}`, token: admin });

  t.equal(response.statusCode, 204);
  t.equal((await api.app.storage.db.selectFrom('connectors').select('id').execute()).length, 0);
});

t.test('listConnectors pages by name', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  for (const name of ['c', 'a', 'b']) await createConnector(api, admin, postgresBody(name));

  const first = await api.request({ method: 'GET', url: '/connectors?limit=2', token: admin });
  const second = await api.request({ method: 'GET', url: nextLink(first.headers.link)!, token: admin });

  t.same(first.json().map((row: { name: string }) => row.name), ['a', 'b']);
  t.same(second.json().map((row: { name: string }) => row.name), ['c']);
  t.match(first.json()[0], { name: 'a', type: 'onprem', status: 'pending' }, 'the dashboard fields are there');
  const badCursor = await api.request({ method: 'GET', url: '/connectors?cursor=WzFd', token: admin });
  t.equal(badCursor.statusCode, 400);
});
