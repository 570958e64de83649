// Drives a listening server through openapi-fetch, typed with generated/api.d.ts, as a frontend would.
import t from 'tap';
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from '../generated/api.js';
import { startTestApp } from './helpers/app.js';

t.test('typed client logs in, creates a user and changes its password', async (t) => {
  const api = await startTestApp(t);
  const address = await api.app.listen({ host: '127.0.0.1', port: 0 });
  let token: string | undefined;
  const auth: Middleware = {
    onRequest({ request }) {
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
  };
  const client = createClient<paths>({ baseUrl: address });
  client.use(auth);

  const login = await client.POST('/login', { body: { username: 'user', password: 'password' } });
  t.equal(login.response.status, 200);
  token = login.data?.token;
  t.ok(token, 'login returned a token');

  const models = await client.GET('/models');
  t.equal(models.response.status, 200);
  t.ok((models.data ?? []).every((model) => model.stats.feature_names.length === model.stats.coefficients.length));

  const created = await client.POST('/users', { body: { username: 'frank', password: 'correct-horse-battery' } });
  t.equal(created.response.status, 201);
  t.equal(created.data?.message, 'User frank created.');

  const duplicate = await client.POST('/users', { body: { username: 'frank', password: 'correct-horse-battery' } });
  t.equal(duplicate.response.status, 409);
  t.match(duplicate.error?.detail, /taken/);

  token = (await client.POST('/login', { body: { username: 'frank', password: 'correct-horse-battery' } })).data?.token;
  const changed = await client.POST('/change-password', { body: { old_password: 'correct-horse-battery', new_password: 'an-even-better-passphrase' } });
  t.equal(changed.response.status, 200);

  token = undefined;
  const relogin = await client.POST('/login', { body: { username: 'frank', password: 'an-even-better-passphrase' } });
  t.equal(relogin.response.status, 200);
  t.ok(relogin.data?.expires_in);
});

// Each @ts-expect-error below must stay an error: tsc fails on an unused one, so `npm run typecheck` proves that
// generated/api.d.ts turns these mistakes into compile errors. The calls also run, and the server rejects them.
t.test('typed client rejects mistakes at compile time', async (t) => {
  const api = await startTestApp(t);
  const address = await api.app.listen({ host: '127.0.0.1', port: 0 });
  const token = await api.login();
  const client = createClient<paths>({ baseUrl: address, headers: { Authorization: `Bearer ${token}` } });

  // @ts-expect-error `name` is not a field of CreateUserRequest; the field is `username`.
  const wrongField = await client.POST('/users', { body: { name: 'grace', password: 'correct-horse-battery' } });
  t.equal(wrongField.response.status, 400);
  t.match(wrongField.error?.detail, /username/);

  // @ts-expect-error the body of POST /login must be an object, not a string.
  const wrongBodyType = await client.POST('/login', { body: 'user:password' });
  t.equal(wrongBodyType.response.status, 400);

  // @ts-expect-error /model is not a path of the API; the path is /models.
  const wrongPath = await client.GET('/model');
  t.equal(wrongPath.response.status, 404);

  // @ts-expect-error `limit` takes an integer, and GET /users may declare no query parameters at all.
  const wrongQuery = await client.GET('/users', { params: { query: { limit: 'ten' } } });
  t.equal(wrongQuery.response.status, 200, 'the server ignores a query parameter it does not declare');
});
