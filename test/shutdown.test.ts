// Starts the real server in a child process and stops it with SIGTERM while logins are in flight.
import t from 'tap';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONCURRENT_LOGINS = 16;

t.test('SIGTERM finishes requests in flight and exits 0', async (t) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vision-shutdown-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'debug', SEED_DEMO_DATA: 'false', SHUTDOWN_GRACE_MS: '10000', DATABASE_URL: '', REDIS_URL: '', LOGIN_MAX_ATTEMPTS_PER_IP: '1000', LOGIN_MAX_ATTEMPTS_PER_USERNAME: '1000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.teardown(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  let output = '';
  let incoming = 0;
  const listening = new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1];
      if (port) resolve(Number(port));
      incoming = output.split('"msg":"request received"').length - 1;
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => reject(new Error(`the server exited with ${code} before listening:\n${output}`)));
  });
  const port = await listening;

  const logins = Array.from({ length: CONCURRENT_LOGINS }, () =>
    fetch(`http://127.0.0.1:${port}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'user', password: 'password' }) }).then((response) => response.status),
  );
  // Signal only once the server has received every request; argon2 keeps them in flight for a while.
  while (incoming < CONCURRENT_LOGINS) await new Promise((resolve) => setTimeout(resolve, 5));
  child.kill('SIGTERM');

  const statuses = await Promise.all(logins);
  const code = await exited;

  t.same(statuses, Array(CONCURRENT_LOGINS).fill(200), 'every login in flight completed');
  t.equal(code, 0, 'the process exited 0');
  t.match(output, /stopping: no new connections, finishing requests in flight/);
  t.match(output, /"msg":"stopped"/);
});
