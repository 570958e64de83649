// Chooses the database engine of the test suite: SQLite by default, PostgreSQL when TEST_ENGINE=postgres.
// On PostgreSQL every test app gets an empty database of its own, from createTestDatabase or from the
// per-process pool of acquireTestDatabase.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export type TestEngine = 'sqlite' | 'postgres';

export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export function testEngine(): TestEngine {
  const engine = process.env.TEST_ENGINE || 'sqlite';
  if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`TEST_ENGINE must be sqlite or postgres; got "${engine}".`);
  return engine;
}

/** Returns the admin connection URL that creates and drops test databases (TEST_DATABASE_URL). */
export function adminUrl(): string {
  return process.env.TEST_DATABASE_URL || DEFAULT_ADMIN_URL;
}

/** Returns `url` with its password replaced by `***`, for messages. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

function urlForDatabase(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Returns undefined when PostgreSQL accepts a connection at TEST_DATABASE_URL, otherwise why it failed. */
export async function postgresUnavailableReason(): Promise<string | undefined> {
  try {
    await withAdminClient((client) => client.query('select 1'));
    return undefined;
  } catch (error) {
    return `PostgreSQL at ${redactUrl(adminUrl())} is not reachable (${(error as Error).message})`;
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty database named vision_test_<random> and returns its URL. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `vision_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient((client) => client.query(`create database ${name}`));
  return {
    name,
    url: urlForDatabase(name),
    // WITH (FORCE) terminates the connections still open to it (PostgreSQL 13 and later).
    drop: () => withAdminClient((client) => client.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

// DROP DATABASE forces a checkpoint, which took 2 to 4 s per app on a loaded 2-core machine, so each test
// process keeps the databases it created and empties one (a new public schema) before lending it again.
// The databases are dropped when the process's tap run ends.
const idleDatabases: TestDatabase[] = [];
const pooledDatabases: TestDatabase[] = [];
let dropRegistered = false;

async function emptyDatabase(database: TestDatabase): Promise<void> {
  const client = new pg.Client({ connectionString: database.url, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    await client.query('drop schema public cascade; create schema public');
  } finally {
    await client.end();
  }
}

/** Lends an empty database until `release` is called; `registerTeardown` drops the pool at the end of the run. */
export async function acquireTestDatabase(registerTeardown: (fn: () => Promise<void>) => void): Promise<{ url: string; release(): Promise<void> }> {
  if (!dropRegistered) {
    dropRegistered = true;
    registerTeardown(async () => {
      for (const database of pooledDatabases.splice(0)) await database.drop();
      idleDatabases.length = 0;
    });
  }
  let database = idleDatabases.pop();
  if (!database) {
    database = await createTestDatabase();
    pooledDatabases.push(database);
  }
  const lent = database;
  return {
    url: lent.url,
    async release() {
      await emptyDatabase(lent);
      idleDatabases.push(lent);
    },
  };
}
