// Runs the tap suite on SQLite, then again on PostgreSQL when a connection to TEST_DATABASE_URL succeeds.
// Every run prints the engine it used. Extra arguments go to tap (for example test files).
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const adminUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

function withoutPassword(url) {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

function runTap(engine) {
  const result = spawnSync('npx', ['tap', ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, TEST_ENGINE: engine } });
  if (result.status !== 0) {
    console.error(`tests failed on ${engine} (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

async function postgresAnswers() {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    console.log(`PostgreSQL at ${withoutPassword(adminUrl)} cannot be reached: ${error.message}`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

console.log('engine: sqlite');
runTap('sqlite');

if (await postgresAnswers()) {
  console.log(`engine: postgres (${withoutPassword(adminUrl)})`);
  runTap('postgres');
} else {
  console.log('PostgreSQL not reachable: skipped');
}
