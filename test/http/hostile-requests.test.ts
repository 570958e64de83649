// Requests the operations' schemas do not see: bodies on operations that take none, and paths outside the operations.
import t from 'tap';
import { listOperations } from '../../src/openapi/operations.js';
import { loadDocument } from '../../src/openapi/document.js';
import { startTestApp } from '../helpers/app.js';

const BODYLESS = listOperations(loadDocument()).filter((operation) => operation.bodyMediaTypes.length === 0 && !['get', 'head', 'options'].includes(operation.method));

t.test('operations without a body reject one (400)', async (t) => {
  const api = await startTestApp(t, { SEED_DEMO_DATA: 'false' });
  const token = await api.login();
  t.ok(BODYLESS.length >= 2, 'the spec has operations without a request body');

  for (const operation of BODYLESS) {
    const url = operation.specPath.replace('{username}', 'user').replace('{alias}', 'production').replace(/\{[^}]+\}/g, '1');

    const response = await api.request({ method: operation.method.toUpperCase() as 'POST', url, token, headers: { 'content-type': 'application/json' }, payload: '{"ids":[1,2]}' });

    t.equal(response.statusCode, 400, `${operation.operationId}: status`);
    t.equal(response.json().code, 'invalid-request', `${operation.operationId}: code`);
    t.match(response.json().detail, /takes no request body/, `${operation.operationId}: detail`);
  }
  const notifications = await api.request({ method: 'GET', url: '/notifications', token });
  t.ok(notifications.json().every((notification: { read: boolean }) => !notification.read), 'nothing was marked as read');
  const stillValid = await api.request({ method: 'GET', url: '/me', token });
  t.equal(stillValid.statusCode, 200, 'logout with a body did not revoke the token');
});

t.test('Swagger UI assets reject path traversal (403)', async (t) => {
  const api = await startTestApp(t, { SEED_DEMO_DATA: 'false' });

  const response = await api.app.inject({ method: 'GET', url: '/docs/static/%2e%2e/package.json' });

  t.ok(response.statusCode === 403 || response.statusCode === 404, `status ${response.statusCode} is a client error`);
  t.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.notMatch(response.body, /"dependencies"/, 'no file outside the assets was sent');
});

t.test('values the database cannot store are 400 problems', async (t) => {
  const api = await startTestApp(t, { SEED_DEMO_DATA: 'false' });
  const token = await api.login();

  const nul = await api.request({ method: 'POST', url: '/login', payload: { username: 'us\u0000er', password: 'password' } });
  const huge = await api.request({ method: 'GET', url: '/models/2147483648', token });

  // SQLite stores both, so the status depends on the engine: a clean 401/404 there, a 400 on PostgreSQL.
  t.ok([400, 401].includes(nul.statusCode), `NUL in a username: ${nul.statusCode}`);
  t.ok([400, 404].includes(huge.statusCode), `an id beyond 32 bits: ${huge.statusCode}`);
  if (nul.statusCode === 400) t.match(nul.json().detail, /NUL character/);
  if (huge.statusCode === 400) t.match(huge.json().detail, /outside the range that can be stored/);
});

t.test('integers in exponent notation are 400 problems on PostgreSQL', async (t) => {
  const api = await startTestApp(t, { SEED_DEMO_DATA: 'false' });
  const token = await api.login();

  const response = await api.request({ method: 'GET', url: '/drift?model_id=1e%2B21', token });

  // SQLite compares the number and finds no report (404); PostgreSQL rejects the text 1e+21 for an integer (400).
  t.ok([400, 404].includes(response.statusCode), `status ${response.statusCode}`);
});
