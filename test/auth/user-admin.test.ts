import t from 'tap';
import { startTestApp, type TestApp } from '../helpers/app.js';

// The demo data set is not needed here, and skipping it makes each app start faster.
const NO_DEMO = { SEED_DEMO_DATA: 'false' };

async function createUser(api: TestApp, token: string, username: string, role: 'admin' | 'user' = 'user'): Promise<void> {
  const response = await api.request({ method: 'POST', url: '/users', token, payload: { username, password: 'correct-horse-battery', role } });
  if (response.statusCode !== 201) throw new Error(`creating ${username} failed with ${response.statusCode}: ${response.body}`);
}

t.test('deleteUser removes the user and revokes its tokens (204)', async (t) => {
  const api = await startTestApp(t, NO_DEMO);
  const admin = await api.login();
  await createUser(api, admin, 'alice');
  const aliceToken = await api.login('alice', 'correct-horse-battery');

  const response = await api.request({ method: 'DELETE', url: '/users/alice', token: admin });

  t.equal(response.statusCode, 204);
  t.equal(response.body, '');
  const stale = await api.request({ method: 'GET', url: '/models', token: aliceToken });
  t.equal(stale.statusCode, 401);
  t.equal(stale.json().code, 'token-revoked');
  const users = await api.request({ method: 'GET', url: '/users', token: admin });
  t.same(users.json(), ['user']);
});

t.test('deleteUser revokes old tokens when the name is reused', async (t) => {
  // With no tolerance, a token issued in an earlier second than the new account is rejected.
  const api = await startTestApp(t, { ...NO_DEMO, CLOCK_TOLERANCE_SECONDS: '0' });
  const admin = await api.login();
  await createUser(api, admin, 'alice');
  const oldToken = await api.login('alice', 'correct-horse-battery');
  await api.request({ method: 'DELETE', url: '/users/alice', token: admin });
  await new Promise((resolve) => setTimeout(resolve, 1100));
  await createUser(api, admin, 'alice');

  const response = await api.request({ method: 'GET', url: '/models', token: oldToken });

  t.equal(response.statusCode, 401);
  t.equal(response.json().code, 'token-revoked');
});

const DELETE_ERRORS: Array<{ name: string; url: string; status: number; code: string; detail: RegExp }> = [
  { name: 'an unknown user', url: '/users/nobody', status: 404, code: 'not-found', detail: /No user is named nobody/ },
  { name: 'the caller', url: '/users/user', status: 409, code: 'self-deletion', detail: /cannot delete their own account/ },
  { name: 'an invalid name', url: '/users/a', status: 400, code: 'invalid-request', detail: /params\/username must NOT have fewer than 3 characters/ },
];

for (const row of DELETE_ERRORS) {
  t.test(`deleteUser rejects ${row.name} (${row.status})`, async (t) => {
    const api = await startTestApp(t, NO_DEMO);
    const admin = await api.login();

    const response = await api.request({ method: 'DELETE', url: row.url, token: admin });

    t.equal(response.statusCode, row.status);
    t.equal(response.json().code, row.code);
    t.match(response.json().detail, row.detail);
  });
}

t.test('deleteUser keeps the last admin (409)', async (t) => {
  const api = await startTestApp(t, NO_DEMO);
  const admin = await api.login();
  await createUser(api, admin, 'dana', 'admin');
  const danaToken = await api.login('dana', 'correct-horse-battery');
  const deleted = await api.request({ method: 'DELETE', url: '/users/user', token: danaToken });
  t.equal(deleted.statusCode, 204, 'another admin may be deleted');

  const demote = await api.request({ method: 'PATCH', url: '/users/dana', token: danaToken, payload: { role: 'user' } });

  t.equal(demote.statusCode, 409);
  t.same(demote.json(), {
    type: 'urn:problem:last-admin',
    title: 'Conflict',
    status: 409,
    detail: 'dana is the last admin, so demoting them would leave nobody to manage users; make another user an admin first.',
    instance: '/users/dana',
    code: 'last-admin',
  });
});

t.test('deleteUser and updateUser are for admins only (403)', async (t) => {
  const api = await startTestApp(t, NO_DEMO);
  const admin = await api.login();
  await createUser(api, admin, 'bob');
  const bobToken = await api.login('bob', 'correct-horse-battery');

  const deleted = await api.request({ method: 'DELETE', url: '/users/user', token: bobToken });
  const updated = await api.request({ method: 'PATCH', url: '/users/bob', token: bobToken, payload: { role: 'admin' } });

  t.equal(deleted.statusCode, 403);
  t.equal(deleted.json().code, 'forbidden');
  t.equal(updated.statusCode, 403);
  t.equal(updated.json().code, 'forbidden');
});

t.test('deleteUser and updateUser require a token (401)', async (t) => {
  const api = await startTestApp(t, NO_DEMO);

  const deleted = await api.request({ method: 'DELETE', url: '/users/user' });
  const updated = await api.request({ method: 'PATCH', url: '/users/user', payload: { role: 'user' } });

  t.equal(deleted.statusCode, 401);
  t.equal(updated.statusCode, 401);
});

t.test('updateUser changes the role at once (200)', async (t) => {
  const api = await startTestApp(t, NO_DEMO);
  const admin = await api.login();
  await createUser(api, admin, 'bob');
  const bobToken = await api.login('bob', 'correct-horse-battery');

  const response = await api.request({ method: 'PATCH', url: '/users/bob', token: admin, payload: { role: 'admin' } });

  t.equal(response.statusCode, 200);
  t.same(response.json(), { username: 'bob', role: 'admin' });
  const me = await api.request({ method: 'GET', url: '/me', token: bobToken });
  t.same(me.json(), { username: 'bob', role: 'admin' }, 'the existing token sees the new role');
  const created = await api.request({ method: 'POST', url: '/users', token: bobToken, payload: { username: 'carol', password: 'correct-horse-battery' } });
  t.equal(created.statusCode, 201);
});

const UPDATE_ERRORS: Array<{ name: string; url: string; payload: unknown; status: number; code: string; detail: RegExp }> = [
  { name: 'an unknown user', url: '/users/nobody', payload: { role: 'user' }, status: 404, code: 'not-found', detail: /No user is named nobody/ },
  { name: 'the last admin', url: '/users/user', payload: { role: 'user' }, status: 409, code: 'last-admin', detail: /user is the last admin/ },
  { name: 'an unknown role', url: '/users/user', payload: { role: 'root' }, status: 400, code: 'invalid-request', detail: /body\/role must be one of "admin", "user"/ },
  { name: 'an extra field', url: '/users/user', payload: { role: 'user', password: 'x' }, status: 400, code: 'invalid-request', detail: /unknown property "password"/ },
  { name: 'a missing role', url: '/users/user', payload: {}, status: 400, code: 'invalid-request', detail: /body\/role is missing/ },
];

for (const row of UPDATE_ERRORS) {
  t.test(`updateUser rejects ${row.name} (${row.status})`, async (t) => {
    const api = await startTestApp(t, NO_DEMO);
    const admin = await api.login();

    const response = await api.request({ method: 'PATCH', url: row.url, token: admin, payload: row.payload as object });

    t.equal(response.statusCode, row.status);
    t.equal(response.json().code, row.code);
    t.match(response.json().detail, row.detail);
  });
}

t.test('updateUser rejects a body over the limit (413)', async (t) => {
  const api = await startTestApp(t, { ...NO_DEMO, BODY_LIMIT_BYTES: '1024' });
  const admin = await api.login();

  const response = await api.request({ method: 'PATCH', url: '/users/user', token: admin, payload: { role: 'x'.repeat(2000) } });

  t.equal(response.statusCode, 413);
});

t.test('updateUser rejects a non-JSON body (415)', async (t) => {
  const api = await startTestApp(t, NO_DEMO);
  const admin = await api.login();

  const response = await api.request({ method: 'PATCH', url: '/users/user', token: admin, headers: { 'content-type': 'text/plain' }, payload: 'admin' });

  t.equal(response.statusCode, 415);
});

t.test('getCurrentUser returns the name and role', async (t) => {
  const api = await startTestApp(t, NO_DEMO);
  const token = await api.login();

  const response = await api.request({ method: 'GET', url: '/me', token });
  const anonymous = await api.request({ method: 'GET', url: '/me' });

  t.equal(response.statusCode, 200);
  t.same(response.json(), { username: 'user', role: 'admin' });
  t.equal(anonymous.statusCode, 401);
});

t.test('logout revokes only the current token (204)', async (t) => {
  const api = await startTestApp(t, NO_DEMO);
  const first = await api.login();
  const second = await api.login();

  const response = await api.request({ method: 'POST', url: '/logout', token: first });

  t.equal(response.statusCode, 204);
  const revoked = await api.request({ method: 'GET', url: '/me', token: first });
  t.equal(revoked.statusCode, 401);
  t.same(revoked.json(), {
    type: 'urn:problem:token-revoked',
    title: 'Unauthorized',
    status: 401,
    detail: 'The token was revoked by POST /logout; log in again.',
    instance: '/me',
    code: 'token-revoked',
  });
  const other = await api.request({ method: 'GET', url: '/me', token: second });
  t.equal(other.statusCode, 200);
  const again = await api.request({ method: 'POST', url: '/logout', token: first });
  t.equal(again.statusCode, 401, 'a revoked token cannot log out twice');
});

t.test('logout purges expired revocations', async (t) => {
  const api = await startTestApp(t, NO_DEMO);
  const token = await api.login();
  await api.app.storage.db.insertInto('revoked_tokens').values({ jti: 'expired-one', user_id: 1, expires_at: '2020-01-01T00:00:00.000Z' }).execute();

  await api.request({ method: 'POST', url: '/logout', token });

  const rows = await api.app.storage.db.selectFrom('revoked_tokens').select('jti').execute();
  t.equal(rows.length, 1);
  t.not(rows[0]?.jti, 'expired-one');
});

t.test('logout requires a token (401)', async (t) => {
  const api = await startTestApp(t, NO_DEMO);

  const response = await api.request({ method: 'POST', url: '/logout' });

  t.equal(response.statusCode, 401);
  t.equal(response.json().code, 'token-missing');
});
