import t from 'tap';
import { startTestApp } from '../helpers/app.js';

t.test('changePassword changes it and revokes older tokens', async (t) => {
  const api = await startTestApp(t);
  const token = await api.login();

  const response = await api.request({ method: 'POST', url: '/change-password', token, payload: { old_password: 'password', new_password: 'a-much-better-passphrase' } });

  t.equal(response.statusCode, 200);
  t.match(response.json().message, /Password changed/);
  const stale = await api.request({ method: 'GET', url: '/models', token });
  t.equal(stale.statusCode, 401);
  t.equal(stale.json().code, 'token-revoked');
  const oldLogin = await api.request({ method: 'POST', url: '/login', payload: { username: 'user', password: 'password' } });
  t.equal(oldLogin.statusCode, 401);
  const fresh = await api.login('user', 'a-much-better-passphrase');
  const models = await api.request({ method: 'GET', url: '/models', token: fresh });
  t.equal(models.statusCode, 200);
});

t.test('changePassword rejects a wrong old password (400)', async (t) => {
  const api = await startTestApp(t);
  const token = await api.login();

  const response = await api.request({ method: 'POST', url: '/change-password', token, payload: { old_password: 'not-my-password', new_password: 'a-much-better-passphrase' } });

  t.equal(response.statusCode, 400);
  t.same(response.json(), {
    type: 'urn:problem:wrong-password',
    title: 'Wrong password',
    status: 400,
    detail: 'old_password is wrong; enter your current password.',
    instance: '/change-password',
    code: 'wrong-password',
  });
  t.ok(await api.login('user', 'password'), 'the old password still works');
});

const INVALID: Array<{ name: string; payload: unknown; detail: RegExp }> = [
  { name: 'a short new password', payload: { old_password: 'password', new_password: 'short' }, detail: /body\/new_password must NOT have fewer than 8 characters/ },
  { name: 'a missing old password', payload: { new_password: 'a-much-better-passphrase' }, detail: /body\/old_password is missing/ },
  { name: 'an unchanged password', payload: { old_password: 'password', new_password: 'password' }, detail: /must differ from old_password/ },
  { name: 'a common new password', payload: { old_password: 'password', new_password: 'qwerty123' }, detail: /most common passwords/ },
  { name: 'the username as password', payload: { old_password: 'password', new_password: 'USERuser'.slice(0, 4) + '1234' }, detail: /./ },
  { name: 'a numeric new password', payload: { old_password: 'password', new_password: 123456789 }, detail: /body\/new_password must be string/ },
  { name: 'an extra field', payload: { old_password: 'password', new_password: 'a-much-better-passphrase', confirm: 'x' }, detail: /unknown property "confirm"/ },
];

for (const row of INVALID) {
  t.test(`changePassword rejects ${row.name} (400)`, async (t) => {
    const api = await startTestApp(t);
    const token = await api.login();

    const response = await api.request({ method: 'POST', url: '/change-password', token, payload: row.payload as object });

    t.equal(response.statusCode, 400);
    t.match(response.json().detail, row.detail);
    t.ok(await api.login('user', 'password'), 'the password is unchanged');
  });
}

t.test('changePassword requires a token (401)', async (t) => {
  const api = await startTestApp(t);

  const response = await api.request({ method: 'POST', url: '/change-password', payload: { old_password: 'password', new_password: 'a-much-better-passphrase' } });

  t.equal(response.statusCode, 401);
});

t.test('changePassword rejects a non-JSON body (415)', async (t) => {
  const api = await startTestApp(t);
  const token = await api.login();

  const response = await api.request({ method: 'POST', url: '/change-password', token, headers: { 'content-type': 'text/plain' }, payload: 'password' });

  t.equal(response.statusCode, 415);
});

t.test('changePassword rejects a body over the limit (413)', async (t) => {
  const api = await startTestApp(t, { BODY_LIMIT_BYTES: '2048' });
  const token = await api.login();

  const response = await api.request({ method: 'POST', url: '/change-password', token, payload: { old_password: 'password', new_password: 'x'.repeat(5000) } });

  t.equal(response.statusCode, 413);
  t.equal(response.json().code, 'payload-too-large');
});
