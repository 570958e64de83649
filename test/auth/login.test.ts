import t from 'tap';
import { createSigner } from 'fast-jwt';
import { startTestApp } from '../helpers/app.js';

t.test('login returns a token and its lifetime', async (t) => {
  const api = await startTestApp(t);

  const response = await api.request({ method: 'POST', url: '/login', payload: { username: 'user', password: 'password' } });

  t.equal(response.statusCode, 200);
  const body = response.json();
  t.match(body.token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
  t.equal(body.expires_in, 3600);
  t.equal(body.token_type, 'Bearer');
  const claims = api.app.jwt.decode<Record<string, unknown>>(body.token)!;
  t.equal(claims.sub, 'user');
  t.equal(claims.iss, 'vision-dashboard-api');
  t.equal(claims.aud, 'vision-dashboard');
  t.equal((claims.exp as number) - (claims.iat as number), 3600);
});

t.test('login rejects a wrong password and an unknown user alike (401)', async (t) => {
  const api = await startTestApp(t);

  const wrongPassword = await api.request({ method: 'POST', url: '/login', payload: { username: 'user', password: 'wrong-password' } });
  const unknownUser = await api.request({ method: 'POST', url: '/login', payload: { username: 'nobody', password: 'password' } });

  t.equal(wrongPassword.statusCode, 401);
  t.equal(unknownUser.statusCode, 401);
  t.equal(wrongPassword.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.same(wrongPassword.json(), unknownUser.json());
  t.same(wrongPassword.json(), {
    type: 'urn:problem:invalid-credentials',
    title: 'Unauthorized',
    status: 401,
    detail: 'The username or password is wrong; check both and try again.',
    instance: '/login',
    code: 'invalid-credentials',
  });
});

const INVALID_BODIES: Array<{ name: string; payload: string; detail: RegExp }> = [
  { name: 'null username', payload: '{"username":null,"password":"password"}', detail: /body\/username must be string, but it is null/ },
  { name: 'number username', payload: '{"username":12345,"password":"password"}', detail: /body\/username must be string, but it is 12345/ },
  { name: 'array username', payload: '{"username":["user"],"password":"password"}', detail: /body\/username must be string, but it is an array/ },
  { name: 'boolean password', payload: '{"username":"user","password":false}', detail: /body\/password must be string, but it is false/ },
  { name: 'missing password', payload: '{"username":"user"}', detail: /body\/password is missing; add it/ },
  { name: 'unknown property', payload: '{"username":"user","password":"password","admin":true}', detail: /unknown property "admin"; remove it/ },
  { name: 'empty username', payload: '{"username":"","password":"password"}', detail: /body\/username must NOT have fewer than 1 characters/ },
  { name: 'array body', payload: '[]', detail: /body must be object, but it is an array/ },
  { name: 'string body', payload: '"user"', detail: /body must be object/ },
  { name: 'null body', payload: 'null', detail: /body must be object/ },
];

for (const row of INVALID_BODIES) {
  t.test(`login rejects ${row.name} (400)`, async (t) => {
    const api = await startTestApp(t);

    const response = await api.request({ method: 'POST', url: '/login', headers: { 'content-type': 'application/json' }, payload: row.payload });

    t.equal(response.statusCode, 400);
    const body = response.json();
    t.equal(body.code, 'invalid-request');
    t.match(body.detail, row.detail);
    t.ok(Array.isArray(body.errors) && body.errors.length > 0, 'errors lists the schema violations');
  });
}

t.test('login rejects broken JSON (400)', async (t) => {
  const api = await startTestApp(t);

  const response = await api.request({ method: 'POST', url: '/login', headers: { 'content-type': 'application/json' }, payload: '{"username": "user", ' });

  t.equal(response.statusCode, 400);
  t.equal(response.json().code, 'invalid-json');
  t.match(response.json().detail, /not valid JSON/);
});

t.test('login rejects an empty JSON body (400)', async (t) => {
  const api = await startTestApp(t);

  const response = await api.request({ method: 'POST', url: '/login', headers: { 'content-type': 'application/json' }, payload: '' });

  t.equal(response.statusCode, 400);
  t.equal(response.json().code, 'invalid-json');
});

t.test('login rejects a missing body (400)', async (t) => {
  const api = await startTestApp(t);

  const response = await api.request({ method: 'POST', url: '/login' });

  t.equal(response.statusCode, 400);
  t.match(response.json().detail, /body is missing/);
});

t.test('login rejects a text/plain body (415)', async (t) => {
  const api = await startTestApp(t);

  const response = await api.request({ method: 'POST', url: '/login', headers: { 'content-type': 'text/plain' }, payload: 'username=user' });

  t.equal(response.statusCode, 415);
  t.equal(response.json().code, 'unsupported-media-type');
  t.match(response.json().detail, /text\/plain is not supported/);
});

t.test('login rejects a form body (415)', async (t) => {
  const api = await startTestApp(t);

  const response = await api.request({ method: 'POST', url: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'username=user&password=password' });

  t.equal(response.statusCode, 415);
});

t.test('login rejects a body over the limit (413)', async (t) => {
  const api = await startTestApp(t, { BODY_LIMIT_BYTES: '2048' });

  const response = await api.request({ method: 'POST', url: '/login', payload: { username: 'user', password: 'x'.repeat(5000) } });

  t.equal(response.statusCode, 413);
  t.equal(response.json().code, 'payload-too-large');
});

t.test('protected operations reject bad tokens (401)', async (t) => {
  const api = await startTestApp(t);
  const valid = await api.login();
  const [header, payload] = valid.split('.');
  const otherSecret = createSigner({ key: 'another-secret-that-is-long-enough-for-hs256!', algorithm: 'HS256', iss: 'vision-dashboard-api', aud: 'vision-dashboard' });
  const expiredSigner = createSigner({ key: api.config.jwtSecret, algorithm: 'HS256', iss: 'vision-dashboard-api', aud: 'vision-dashboard' });
  const noAudienceSigner = createSigner({ key: api.config.jwtSecret, algorithm: 'HS256', iss: 'vision-dashboard-api' });
  const noneHeader = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
  const now = Math.floor(Date.now() / 1000);

  const cases: Array<{ name: string; authorization?: string; code: string }> = [
    { name: 'no header', code: 'token-missing' },
    { name: 'empty header', authorization: '', code: 'token-missing' },
    { name: 'bare Bearer', authorization: 'Bearer', code: 'token-invalid' },
    { name: 'Bearer with spaces only', authorization: 'Bearer    ', code: 'token-invalid' },
    { name: 'two segments', authorization: 'Bearer a.b', code: 'token-invalid' },
    { name: 'Basic scheme', authorization: 'Basic dXNlcjpwYXNzd29yZA==', code: 'token-invalid' },
    { name: 'garbage token', authorization: 'Bearer aaa.bbb.ccc', code: 'token-invalid' },
    { name: 'wrong signature', authorization: `Bearer ${otherSecret({ sub: 'user', uid: 1, ver: 0, jti: 'x' })}`, code: 'token-invalid' },
    { name: 'alg none', authorization: `Bearer ${noneHeader}.${payload}.`, code: 'token-invalid' },
    { name: 'tampered header', authorization: `Bearer ${Buffer.from('{"alg":"HS512","typ":"JWT"}').toString('base64url')}.${payload}.${valid.split('.')[2]}`, code: 'token-invalid' },
    { name: 'expired', authorization: `Bearer ${expiredSigner({ sub: 'user', uid: 1, ver: 0, jti: 'x', iat: now - 7200, exp: now - 3600 })}`, code: 'token-expired' },
    { name: 'missing aud', authorization: `Bearer ${noAudienceSigner({ sub: 'user', uid: 1, ver: 0, jti: 'x', exp: now + 600 })}`, code: 'token-invalid' },
    { name: 'missing exp', authorization: `Bearer ${expiredSigner({ sub: 'user', uid: 1, ver: 0, jti: 'x' })}`, code: 'token-invalid' },
  ];
  t.ok(header, 'the valid token has a header');

  for (const row of cases) {
    const headers: Record<string, string> = row.authorization === undefined ? {} : { authorization: row.authorization };
    const response = await api.request({ method: 'GET', url: '/models', headers });
    t.equal(response.statusCode, 401, `${row.name}: status`);
    t.equal(response.json().code, row.code, `${row.name}: code`);
    t.ok(response.json().detail.length > 20, `${row.name}: detail is a sentence`);
  }
});
