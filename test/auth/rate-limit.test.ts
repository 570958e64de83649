import t from 'tap';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createLoginRateLimiter, createMemoryCounterStore, type CounterStore } from '../../src/auth/login-rate-limit.js';

// The demo data set is not needed here, and skipping it makes each app start faster.
const NO_DEMO = { SEED_DEMO_DATA: 'false' };

const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

function attempt(api: TestApp, username: string, password: string, forwardedFor?: string) {
  const headers: Record<string, string> = forwardedFor ? { 'x-forwarded-for': forwardedFor } : {};
  return api.request({ method: 'POST', url: '/login', headers, payload: { username, password } });
}

t.test('login limits attempts per username (429)', async (t) => {
  const api = await startTestApp(t, { ...NO_DEMO, LOGIN_MAX_ATTEMPTS_PER_USERNAME: '3', LOGIN_WINDOW_SECONDS: '600' });

  const statuses = [];
  for (let i = 0; i < 3; i++) statuses.push((await attempt(api, 'user', 'wrong-password')).statusCode);
  const blocked = await attempt(api, 'user', 'password');

  t.same(statuses, [401, 401, 401]);
  t.equal(blocked.statusCode, 429, 'even the right password is refused while blocked');
  // The window started at the first attempt; argon2 under load can take seconds, so allow for elapsed time.
  const retryAfter = Number(blocked.headers['retry-after']);
  t.ok(retryAfter > 540 && retryAfter <= 600, `Retry-After is the rest of the window (${retryAfter})`);
  t.same(blocked.json(), {
    type: 'urn:problem:too-many-requests',
    title: 'Too many requests',
    status: 429,
    detail: `Too many login attempts for this username; try again in ${retryAfter} seconds.`,
    instance: '/login',
    code: 'too-many-requests',
  });
  const other = await attempt(api, 'someone-else', 'wrong-password');
  t.equal(other.statusCode, 401, 'other usernames are not blocked');
});

t.test('login limits attempts per address (429)', async (t) => {
  const api = await startTestApp(t, { ...NO_DEMO, LOGIN_MAX_ATTEMPTS_PER_IP: '2', LOGIN_WINDOW_SECONDS: '60' });

  await attempt(api, 'a-user', 'wrong-password');
  await attempt(api, 'b-user', 'wrong-password');
  const blocked = await attempt(api, 'c-user', 'wrong-password');

  t.equal(blocked.statusCode, 429);
  const retryAfter = Number(blocked.headers['retry-after']);
  t.ok(retryAfter > 0 && retryAfter <= 60, `Retry-After is the rest of the window (${retryAfter})`);
  t.match(blocked.json().detail, /from this address/);
});

t.test('login success resets the username counter', async (t) => {
  const api = await startTestApp(t, { ...NO_DEMO, LOGIN_MAX_ATTEMPTS_PER_USERNAME: '3' });

  await attempt(api, 'user', 'wrong-password');
  await attempt(api, 'user', 'wrong-password');
  const success = await attempt(api, 'user', 'password');
  const statuses = [];
  for (let i = 0; i < 3; i++) statuses.push((await attempt(api, 'user', 'wrong-password')).statusCode);

  t.equal(success.statusCode, 200);
  t.same(statuses, [401, 401, 401], 'three new attempts are allowed after a success');
});

t.test('login sees the client behind a trusted proxy', async (t) => {
  const api = await startTestApp(t, { ...NO_DEMO, LOGIN_MAX_ATTEMPTS_PER_IP: '1', TRUST_PROXY: '127.0.0.1' });

  const first = await attempt(api, 'a-user', 'wrong-password', '203.0.113.7');
  const second = await attempt(api, 'b-user', 'wrong-password', '203.0.113.8');
  const third = await attempt(api, 'c-user', 'wrong-password', '203.0.113.7');

  t.equal(first.statusCode, 401);
  t.equal(second.statusCode, 401, 'another client behind the same proxy has its own counter');
  t.equal(third.statusCode, 429);
});

t.test('login ignores X-Forwarded-For without TRUST_PROXY', async (t) => {
  const api = await startTestApp(t, { ...NO_DEMO, LOGIN_MAX_ATTEMPTS_PER_IP: '1' });

  await attempt(api, 'a-user', 'wrong-password', '203.0.113.7');
  const spoofed = await attempt(api, 'b-user', 'wrong-password', '203.0.113.8');

  t.equal(spoofed.statusCode, 429, 'a forged header does not buy a new counter');
});

t.test('memory counters restart after the window', async (t) => {
  let now = 1_000_000;
  const store = createMemoryCounterStore(() => now);

  const first = await store.increment('k', 1000);
  const second = await store.increment('k', 1000);
  now += 1000;
  const afterWindow = await store.increment('k', 1000);

  t.same(first, { count: 1, resetInMs: 1000 });
  t.same(second, { count: 2, resetInMs: 1000 });
  t.same(afterWindow, { count: 1, resetInMs: 1000 });
});

t.test('a failing counter store lets logins through', async (t) => {
  const failing: CounterStore = {
    increment: async () => {
      throw new Error('connection refused');
    },
    reset: async () => {
      throw new Error('connection refused');
    },
    close: async () => {},
  };
  const logged: string[] = [];
  const limiter = createLoginRateLimiter(failing, { maxAttemptsPerIp: 1, maxAttemptsPerUsername: 1, windowSeconds: 60 }, (error) => logged.push((error as Error).message));

  await limiter.checkAttempt('203.0.113.7', 'alice');
  await limiter.checkAttempt('203.0.113.7', 'alice');
  await limiter.recordSuccess('alice');

  t.same(logged, ['connection refused', 'connection refused', 'connection refused'], 'each failure is reported, none is thrown');
});

t.test('Redis counters are shared by instances', async (t) => {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 1000 });
  probe.on('error', () => {});
  try {
    await probe.connect();
  } catch (error) {
    probe.disconnect();
    t.comment(`skipped: Redis at ${REDIS_URL} is not reachable (${(error as Error).message})`);
    return;
  }
  const prefix = `vision-test:${randomBytes(6).toString('hex')}:`;
  t.teardown(async () => {
    const keys = await probe.keys(`${prefix}*`);
    if (keys.length) await probe.del(...keys);
    await probe.quit();
  });
  const env = { REDIS_URL, RATE_LIMIT_PREFIX: prefix, LOGIN_MAX_ATTEMPTS_PER_USERNAME: '2', LOGIN_WINDOW_SECONDS: '120' };
  const first = await startTestApp(t, { ...NO_DEMO, ...env });
  const second = await startTestApp(t, { ...NO_DEMO, ...env });

  const one = await attempt(first, 'user', 'wrong-password');
  const two = await attempt(second, 'user', 'wrong-password');
  const three = await attempt(first, 'user', 'wrong-password');

  t.equal(one.statusCode, 401);
  t.equal(two.statusCode, 401);
  t.equal(three.statusCode, 429, 'the first instance counts the attempt made on the second');
  const ttl = await probe.pttl(`${prefix}login:username:user`);
  t.ok(ttl > 0 && ttl <= 120_000, `the key expires with the window (pttl ${ttl})`);
});
