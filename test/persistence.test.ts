import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestApp } from './helpers/app.js';

t.test('users survive a restart on the same database file', async (t) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vision-restart-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const first = await startTestApp(t, { DATA_DIR: dataDir, JWT_SECRET: 'a'.repeat(40) });
  const token = await first.login();
  await first.request({ method: 'POST', url: '/users', token, payload: { username: 'alice', password: 'correct-horse-battery' } });
  await first.close();

  const second = await startTestApp(t, { DATA_DIR: dataDir, JWT_SECRET: 'a'.repeat(40) });
  const aliceToken = await second.login('alice', 'correct-horse-battery');
  const models = await second.request({ method: 'GET', url: '/models', token: aliceToken });
  const stillValid = await second.request({ method: 'GET', url: '/users', token });

  t.equal(models.statusCode, 200);
  t.equal(models.json().length, 2, 'the demo data was seeded once, not twice');
  t.equal(stillValid.statusCode, 200, 'a token from before the restart still works');
});
