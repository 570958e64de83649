import t from 'tap';
import { checkPasswordPolicy } from '../../src/auth/password-policy.js';
import { COMMON_PASSWORDS } from '../../src/auth/common-passwords.js';
import { verifyPassword, hashPassword } from '../../src/auth/passwords.js';
import { startTestApp } from '../helpers/app.js';

// The demo data set is not needed here, and skipping it makes each app start faster.
const NO_DEMO = { SEED_DEMO_DATA: 'false' };

const RULES: Array<{ rule: string; password: string; username: string; detail: RegExp }> = [
  { rule: 'minimum length', password: 'short12', username: 'alice', detail: /password must be at least 8 characters long; it has 7/ },
  { rule: 'maximum length', password: 'x'.repeat(257), username: 'alice', detail: /password must be at most 256 characters long; it has 257/ },
  { rule: 'not the username', password: 'Alice.Smith', username: 'alice.smith', detail: /password must not be the username/ },
  { rule: 'not a common password', password: 'Password123', username: 'alice', detail: /password is one of the most common passwords/ },
];

for (const row of RULES) {
  t.test(`password policy names the ${row.rule} rule`, async (t) => {
    t.throws(() => checkPasswordPolicy(row.password, row.username, 8, 'password'), { code: 'weak-password', message: row.detail });
  });
}

t.test('password policy accepts a passphrase', async (t) => {
  t.doesNotThrow(() => checkPasswordPolicy('correct-horse-battery', 'alice', 8, 'password'));
});

t.test('PASSWORD_MIN_LENGTH raises the minimum (400)', async (t) => {
  const api = await startTestApp(t, { ...NO_DEMO, PASSWORD_MIN_LENGTH: '12' });
  const token = await api.login();

  const response = await api.request({ method: 'POST', url: '/users', token, payload: { username: 'alice', password: 'horse-batt' } });

  t.equal(response.statusCode, 400);
  t.equal(response.json().code, 'weak-password');
  t.equal(response.json().detail, 'password must be at least 12 characters long; it has 10.');
});

t.test('common password list covers frequent choices', async (t) => {
  for (const password of ['123456', 'password', 'qwerty123', 'iloveyou', 'admin123', 'letmein', 'welcome1']) {
    t.ok(COMMON_PASSWORDS.has(password), password);
  }
  t.ok(COMMON_PASSWORDS.size >= 200, `the list has ${COMMON_PASSWORDS.size} entries`);
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

t.test('unknown users cost a hash verification too', async (t) => {
  const stored = await hashPassword('correct-horse-battery');
  await verifyPassword(undefined, 'warm-up');
  const unknown: number[] = [];
  const wrong: number[] = [];

  for (let i = 0; i < 7; i++) {
    let started = performance.now();
    t.equal(await verifyPassword(undefined, 'guess'), false);
    unknown.push(performance.now() - started);
    started = performance.now();
    t.equal(await verifyPassword(stored, 'guess'), false);
    wrong.push(performance.now() - started);
  }

  // Loose on purpose: a skipped verification would be about 1000 times faster, not 3.
  const ratio = median(unknown) / median(wrong);
  t.ok(ratio > 0.33 && ratio < 3, `median unknown ${median(unknown).toFixed(1)} ms vs wrong password ${median(wrong).toFixed(1)} ms`);
});
