// Two API instances on one PostgreSQL database, as behind a load balancer. Skipped without PostgreSQL.
import t from 'tap';
import tap from 'tap';
import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { countUsers } from '../src/storage/users.js';
import { startTestApp, testEnv, type TestApp } from './helpers/app.js';
import { acquireTestDatabase, createTestDatabase, postgresUnavailableReason, redactUrl } from './helpers/engine.js';

const unavailable = await postgresUnavailableReason();

type TapLike = Parameters<typeof startTestApp>[0];

async function startPair(t: TapLike & { teardown(fn: () => unknown): void }): Promise<[TestApp, TestApp]> {
  const database = await acquireTestDatabase((fn) => tap.teardown(fn));
  // Registered first, so it runs after both apps have closed.
  t.teardown(() => database.release());
  const shared = { DATABASE_URL: database.url, JWT_SECRET: 'kV9q2mXw7LzR4tYp8NbC3dFg6HjK1sQe', SEED_DEMO_DATA: 'false' };
  const first = await startTestApp(t, shared);
  const second = await startTestApp(t, shared);
  return [first, second];
}

if (unavailable) {
  t.comment(`skipped: ${unavailable}`);
} else {
  t.test('instances migrate a fresh database once', async (t) => {
    const database = await createTestDatabase();
    t.teardown(() => database.drop());
    const env = testEnv({ DATABASE_URL: database.url, SEED_DEMO_DATA: 'true' });
    t.comment(`database: ${redactUrl(database.url)}`);

    const apps = await Promise.all([1, 2, 3, 4].map(() => buildApp(loadConfig({ ...env }))));
    t.teardown(() => Promise.all(apps.map((app) => app.close())));

    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(apps[0]!.storage.db);
    const names = rows.map((row) => row.name);
    t.ok(names.includes('001-initial') && names.includes('004-auth'), `the migrations are recorded (${names.join(', ')})`);
    t.equal(new Set(names).size, names.length, 'each migration ran once');
    t.equal(await countUsers(apps[0]!.storage.db), 1, 'one development admin, not four');
    const models = await apps[1]!.storage.db.selectFrom('models').select('name').execute();
    t.equal(models.length, 2, 'the demo data was seeded once');
  });

  t.test('a user created on one instance logs in on the other', async (t) => {
    const [first, second] = await startPair(t);
    const admin = await first.login();

    await first.request({ method: 'POST', url: '/users', token: admin, payload: { username: 'alice', password: 'correct-horse-battery' } });
    const aliceToken = await second.login('alice', 'correct-horse-battery');
    const me = await first.request({ method: 'GET', url: '/me', token: aliceToken });

    t.same(me.json(), { username: 'alice', role: 'user' }, 'a token from the second instance works on the first');
  });

  t.test('a password change revokes tokens on both instances', async (t) => {
    const [first, second] = await startPair(t);
    const fromSecond = await second.login();

    const changed = await first.request({ method: 'POST', url: '/change-password', token: await first.login(), payload: { old_password: 'password', new_password: 'a-much-better-passphrase' } });
    const onFirst = await first.request({ method: 'GET', url: '/me', token: fromSecond });
    const onSecond = await second.request({ method: 'GET', url: '/me', token: fromSecond });

    t.equal(changed.statusCode, 200);
    t.equal(onFirst.statusCode, 401);
    t.equal(onFirst.json().code, 'token-revoked');
    t.equal(onSecond.statusCode, 401);
    t.equal(onSecond.json().code, 'token-revoked');
  });

  t.test('logout on one instance revokes on the other', async (t) => {
    const [first, second] = await startPair(t);
    const token = await first.login();

    await second.request({ method: 'POST', url: '/logout', token });
    const response = await first.request({ method: 'GET', url: '/me', token });

    t.equal(response.statusCode, 401);
    t.equal(response.json().code, 'token-revoked');
  });

  t.test('the same username created twice at once gives 201 and 409', async (t) => {
    const [first, second] = await startPair(t);
    const [tokenA, tokenB] = [await first.login(), await second.login()];
    const payload = { username: 'alice', password: 'correct-horse-battery' };

    const responses = await Promise.all([
      first.request({ method: 'POST', url: '/users', token: tokenA, payload }),
      second.request({ method: 'POST', url: '/users', token: tokenB, payload }),
    ]);

    t.same(responses.map((response) => response.statusCode).sort(), [201, 409]);
    const users = await first.request({ method: 'GET', url: '/users', token: tokenA });
    t.same(users.json(), ['alice', 'user']);
  });

  t.test('concurrent password changes: one wins, one fails cleanly', async (t) => {
    const [first, second] = await startPair(t);
    const [tokenA, tokenB] = [await first.login(), await second.login()];

    const responses = await Promise.all([
      first.request({ method: 'POST', url: '/change-password', token: tokenA, payload: { old_password: 'password', new_password: 'first-new-passphrase' } }),
      second.request({ method: 'POST', url: '/change-password', token: tokenB, payload: { old_password: 'password', new_password: 'second-new-passphrase' } }),
    ]);

    const statuses = responses.map((response) => response.statusCode).sort();
    t.same(statuses, [200, 401]);
    const loser = responses.find((response) => response.statusCode === 401)!;
    t.equal(loser.json().code, 'token-revoked');
    const winner = responses[0]!.statusCode === 200 ? 'first-new-passphrase' : 'second-new-passphrase';
    const loserPassword = winner === 'first-new-passphrase' ? 'second-new-passphrase' : 'first-new-passphrase';
    t.ok(await second.login('user', winner), 'the winning password works');
    const loserLogin = await first.request({ method: 'POST', url: '/login', payload: { username: 'user', password: loserPassword } });
    t.equal(loserLogin.statusCode, 401, 'the losing password was not stored');
  });

  t.test('two admins deleting each other leave one admin', async (t) => {
    const [first, second] = await startPair(t);
    const userToken = await first.login();
    await first.request({ method: 'POST', url: '/users', token: userToken, payload: { username: 'dana', password: 'correct-horse-battery', role: 'admin' } });
    const danaToken = await second.login('dana', 'correct-horse-battery');

    const responses = await Promise.all([
      first.request({ method: 'DELETE', url: '/users/dana', token: userToken }),
      second.request({ method: 'DELETE', url: '/users/user', token: danaToken }),
    ]);

    const statuses = responses.map((response) => response.statusCode);
    t.ok(statuses.includes(204), `one deletion succeeds (${statuses.join(', ')})`);
    const admins = await first.app.storage.db.selectFrom('users').select('username').where('role', '=', 'admin').execute();
    t.equal(admins.length, 1, 'exactly one admin is left');
  });
}
