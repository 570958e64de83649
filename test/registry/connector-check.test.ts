import t from 'tap';
import { startEmptyApp } from './fixtures.js';
import { SECRET, createConnector, postgresBody } from './connector-fixtures.js';

t.test('connector secrets never appear in any response', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  const id = await createConnector(api, admin, postgresBody());

  const responses = {
    listConnectors: await api.request({ method: 'GET', url: '/connectors', token: admin }),
    getConnector: await api.request({ method: 'GET', url: `/connectors/${id}`, token: admin }),
    updateConnector: await api.request({ method: 'PATCH', url: `/connectors/${id}`, token: admin, payload: { name: 'Renamed' } }),
    testConnector: await api.request({ method: 'POST', url: `/connectors/${id}/test`, token: admin }),
    listNotifications: await api.request({ method: 'GET', url: '/notifications', token: admin }),
  };

  for (const [operation, response] of Object.entries(responses)) {
    t.equal(response.statusCode, 200, `${operation} status`);
    t.notOk(response.body.includes(SECRET), `${operation} has no secret`);
  }
});

t.test('testConnector connects to the local PostgreSQL server', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  const id = await createConnector(api, admin, postgresBody());

  const response = await api.request({ method: 'POST', url: `/connectors/${id}/test`, token: admin });

  t.equal(response.statusCode, 200);
  t.equal(response.json().status, 'connected');
  t.match(response.json().status_reason, /^SELECT 1 succeeded in \d+ ms\.$/);
  t.ok(Date.parse(response.json().last_checked) > 0, 'last_checked is set');
  const notifications = (await api.request({ method: 'GET', url: '/notifications', token: admin })).json();
  t.match(notifications[0], { kind: 'connector_status_changed', severity: 'info', title: 'Connector connected', related_id: id, message: /^Feature store changed from pending to connected: SELECT 1 succeeded/ });
});

t.test('testConnector reports a refused port as disconnected', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  const id = await createConnector(api, admin, postgresBody('Nowhere', 1));

  const response = await api.request({ method: 'POST', url: `/connectors/${id}/test`, token: admin });
  const again = await api.request({ method: 'POST', url: `/connectors/${id}/test`, token: admin });

  t.equal(response.statusCode, 200);
  t.equal(response.json().status, 'disconnected');
  t.match(response.json().status_reason, /^Connecting to 127\.0\.0\.1:1 failed: .*ECONNREFUSED/);
  t.equal(again.json().status, 'disconnected');
  const changes = (await api.request({ method: 'GET', url: '/notifications', token: admin })).json().filter((row: { kind: string }) => row.kind === 'connector_status_changed');
  t.equal(changes.length, 1, 'a repeated result stores no second notification');
  t.match(changes[0], { severity: 'warning', title: 'Connector disconnected' });
});

t.test('testConnector keeps other providers pending with a reason', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  const id = await createConnector(api, admin, { name: 'Lake', provider: 'aws_s3', type: 'cloud', settings: { bucket: 'training', region: 'eu-west-1' }, secrets: { access_key_id: 'AKIA', secret_access_key: SECRET } });

  const response = await api.request({ method: 'POST', url: `/connectors/${id}/test`, token: admin });

  t.equal(response.json().status, 'pending');
  t.equal(response.json().status_reason, 'The settings have a valid shape, but this server cannot check aws_s3 connections; the status stays pending.');
  t.same(response.json().secrets_set, ['access_key_id', 'secret_access_key']);
});

t.test('connector secrets stay readable across a restart with the same key', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  const id = await createConnector(api, admin, postgresBody());

  const reopened = await import('../helpers/app.js').then(({ startTestApp }) => startTestApp(t, { DATA_DIR: api.dataDir, SEED_DEMO_DATA: 'false' }));
  const token = await reopened.login();
  const response = await reopened.request({ method: 'POST', url: `/connectors/${id}/test`, token });

  t.equal(response.json().status, 'connected');
  t.same(response.json().secrets_set, ['password']);
});
