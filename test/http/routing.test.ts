import t from 'tap';
import { startTestApp } from '../helpers/app.js';

t.test('unknown routes are 404 problems', async (t) => {
  const api = await startTestApp(t);

  const response = await api.request({ method: 'GET', url: '/no-such-thing' });

  t.equal(response.statusCode, 404);
  t.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.same(response.json(), {
    type: 'urn:problem:route-not-found',
    title: 'Not found',
    status: 404,
    detail: 'No operation matches GET /no-such-thing; see /docs for the operations this API offers.',
    instance: '/no-such-thing',
    code: 'route-not-found',
  });
});

t.test('wrong methods are 405 problems with Allow', async (t) => {
  const api = await startTestApp(t);

  const response = await api.request({ method: 'DELETE', url: '/login' });

  t.equal(response.statusCode, 405);
  t.equal(response.headers.allow, 'POST');
  t.equal(response.json().code, 'method-not-allowed');
  t.match(response.json().detail, /DELETE is not allowed on \/login; use POST/);
});

t.test('CORS answers a preflight from a loopback origin', async (t) => {
  const api = await startTestApp(t);

  const response = await api.app.inject({
    method: 'OPTIONS',
    url: '/models',
    headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
  });

  t.equal(response.statusCode, 204);
  t.equal(response.headers['access-control-allow-origin'], 'http://localhost:5173');
  t.match(String(response.headers['access-control-allow-headers']), /Authorization/);
});

t.test('CORS allows 127.0.0.1 preview origins on actual requests', async (t) => {
  const api = await startTestApp(t);

  const response = await api.request({ method: 'POST', url: '/login', headers: { origin: 'http://127.0.0.1:4173' }, payload: { username: 'user', password: 'password' } });

  t.equal(response.headers['access-control-allow-origin'], 'http://127.0.0.1:4173');
});

t.test('CORS ignores other origins', async (t) => {
  const api = await startTestApp(t);

  const response = await api.app.inject({ method: 'OPTIONS', url: '/models', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });

  t.equal(response.headers['access-control-allow-origin'], undefined);
});

t.test('CORS_ORIGINS replaces the loopback default', async (t) => {
  const api = await startTestApp(t, { CORS_ORIGINS: 'https://dashboard.example.com' });

  const allowed = await api.app.inject({ method: 'OPTIONS', url: '/models', headers: { origin: 'https://dashboard.example.com', 'access-control-request-method': 'GET' } });
  const loopback = await api.app.inject({ method: 'OPTIONS', url: '/models', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET' } });

  t.equal(allowed.headers['access-control-allow-origin'], 'https://dashboard.example.com');
  t.equal(loopback.headers['access-control-allow-origin'], undefined);
});

t.test('docs and the spec are public', async (t) => {
  const api = await startTestApp(t);

  const docs = await api.app.inject({ method: 'GET', url: '/docs/' });
  const json = await api.app.inject({ method: 'GET', url: '/openapi.json' });
  const yaml = await api.app.inject({ method: 'GET', url: '/openapi.yaml' });

  t.equal(docs.statusCode, 200);
  t.match(docs.body, /swagger/i);
  t.equal(json.statusCode, 200);
  t.equal(json.json().openapi, '3.1.0');
  t.equal(yaml.statusCode, 200);
  t.match(yaml.body, /^openapi: 3\.1\.0/);
});

t.test('request ids reach the client', async (t) => {
  const api = await startTestApp(t);

  const response = await api.request({ method: 'GET', url: '/health/live' });

  t.equal(response.statusCode, 200);
});

t.test('over-long path parameters are 400 problems', async (t) => {
  const api = await startTestApp(t, { SEED_DEMO_DATA: 'false' });
  const token = await api.login();

  const response = await api.request({ method: 'GET', url: `/models/${'a'.repeat(300)}`, token });

  t.equal(response.statusCode, 400);
  t.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.equal(response.json().code, 'invalid-request');
  t.match(response.json().detail, /longer than 100 characters/);
});

t.test('undecodable URLs are 400 problems', async (t) => {
  const api = await startTestApp(t, { SEED_DEMO_DATA: 'false' });
  const token = await api.login();

  const response = await api.request({ method: 'GET', url: '/models/%E0%A4%A', token });

  t.equal(response.statusCode, 400);
  t.equal(response.json().code, 'invalid-request');
});
