import t from 'tap';
import { startTestApp } from './helpers/app.js';

t.test('listUsers returns the usernames', async (t) => {
  const api = await startTestApp(t);
  const token = await api.login();

  const response = await api.request({ method: 'GET', url: '/users', token });

  t.equal(response.statusCode, 200);
  t.same(response.json(), ['user']);
});

t.test('listUsers requires a token (401)', async (t) => {
  const api = await startTestApp(t);

  const response = await api.request({ method: 'GET', url: '/users' });

  t.equal(response.statusCode, 401);
});

t.test('createUser adds a user who can log in (201)', async (t) => {
  const api = await startTestApp(t);
  const token = await api.login();

  const created = await api.request({ method: 'POST', url: '/users', token, payload: { username: 'alice', password: 'correct-horse-battery' } });

  t.equal(created.statusCode, 201);
  t.same(created.json(), { message: 'User alice created.' });
  const users = await api.request({ method: 'GET', url: '/users', token });
  t.same(users.json(), ['alice', 'user']);
  t.ok(await api.login('alice', 'correct-horse-battery'));
  const notifications = await api.request({ method: 'GET', url: '/notifications', token });
  t.equal(notifications.json()[0].title, 'User created');
});

t.test('createUser rejects a taken username (409)', async (t) => {
  const api = await startTestApp(t);
  const token = await api.login();
  await api.request({ method: 'POST', url: '/users', token, payload: { username: 'alice', password: 'correct-horse-battery' } });

  const response = await api.request({ method: 'POST', url: '/users', token, payload: { username: 'alice', password: 'another-good-passphrase' } });

  t.equal(response.statusCode, 409);
  t.same(response.json(), {
    type: 'urn:problem:username-taken',
    title: 'Conflict',
    status: 409,
    detail: 'The username alice is taken; choose another.',
    instance: '/users',
    code: 'username-taken',
  });
});

t.test('createUser requires a token (401)', async (t) => {
  const api = await startTestApp(t);

  const response = await api.request({ method: 'POST', url: '/users', payload: { username: 'alice', password: 'correct-horse-battery' } });

  t.equal(response.statusCode, 401);
  t.equal(response.json().code, 'token-missing');
});

t.test('createUser rejects a body over the limit (413)', async (t) => {
  const api = await startTestApp(t, { BODY_LIMIT_BYTES: '2048' });
  const token = await api.login();

  const response = await api.request({ method: 'POST', url: '/users', token, payload: { username: 'alice', password: 'x'.repeat(5000) } });

  t.equal(response.statusCode, 413);
  t.equal(response.json().code, 'payload-too-large');
});

t.test('createUser is for admins only (403)', async (t) => {
  const api = await startTestApp(t);
  const adminToken = await api.login();
  await api.request({ method: 'POST', url: '/users', token: adminToken, payload: { username: 'bob', password: 'correct-horse-battery' } });
  const userToken = await api.login('bob', 'correct-horse-battery');

  const response = await api.request({ method: 'POST', url: '/users', token: userToken, payload: { username: 'carol', password: 'correct-horse-battery' } });

  t.equal(response.statusCode, 403);
  t.equal(response.json().code, 'forbidden');
  t.match(response.json().detail, /needs the role admin; your role is user/);
  const users = await api.request({ method: 'GET', url: '/users', token: userToken });
  t.same(users.json(), ['bob', 'user'], 'nothing was stored');
});

const INVALID_USERS: Array<{ name: string; payload: unknown; detail: RegExp }> = [
  { name: 'a short username', payload: { username: 'ab', password: 'correct-horse-battery' }, detail: /body\/username must NOT have fewer than 3 characters/ },
  { name: 'a username with spaces', payload: { username: 'al ice', password: 'correct-horse-battery' }, detail: /body\/username must match pattern/ },
  { name: 'a short password', payload: { username: 'alice', password: 'short' }, detail: /body\/password must NOT have fewer than 8 characters/ },
  { name: 'a password over 256 characters', payload: { username: 'alice', password: 'x'.repeat(257) }, detail: /body\/password must NOT have more than 256 characters/ },
  { name: 'the username as password', payload: { username: 'alice123', password: 'ALICE123' }, detail: /password must not be the username/ },
  { name: 'a common password', payload: { username: 'alice', password: 'password123' }, detail: /most common passwords/ },
  { name: 'an unknown role', payload: { username: 'alice', password: 'correct-horse-battery', role: 'root' }, detail: /body\/role must be one of "admin", "user", but it is "root"/ },
  { name: 'an extra field', payload: { username: 'alice', password: 'correct-horse-battery', email: 'a@example.com' }, detail: /unknown property "email"/ },
  { name: 'a null password', payload: { username: 'alice', password: null }, detail: /body\/password must be string, but it is null/ },
];

for (const row of INVALID_USERS) {
  t.test(`createUser rejects ${row.name} (400)`, async (t) => {
    const api = await startTestApp(t);
    const token = await api.login();

    const response = await api.request({ method: 'POST', url: '/users', token, payload: row.payload as object });

    t.equal(response.statusCode, 400);
    t.match(response.json().detail, row.detail);
    const users = await api.request({ method: 'GET', url: '/users', token });
    t.same(users.json(), ['user'], 'nothing was stored');
  });
}

t.test('createUser rejects a non-JSON body (415)', async (t) => {
  const api = await startTestApp(t);
  const token = await api.login();

  const response = await api.request({ method: 'POST', url: '/users', token, headers: { 'content-type': 'text/csv' }, payload: 'username,password' });

  t.equal(response.statusCode, 415);
});

t.test('createUser accepts the admin role', async (t) => {
  const api = await startTestApp(t);
  const token = await api.login();

  await api.request({ method: 'POST', url: '/users', token, payload: { username: 'dana', password: 'correct-horse-battery', role: 'admin' } });
  const danaToken = await api.login('dana', 'correct-horse-battery');
  const response = await api.request({ method: 'POST', url: '/users', token: danaToken, payload: { username: 'erin', password: 'correct-horse-battery' } });

  t.equal(response.statusCode, 201);
});
