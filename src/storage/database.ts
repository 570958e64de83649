// Opens the database (embedded SQLite by default, PostgreSQL when DATABASE_URL is set) and migrates it.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import type { Database } from './schema.js';
import { migrationProvider } from './migrations/index.js';
import type { Engine } from './migrations/columns.js';

export type { Engine };

export interface Storage {
  db: Kysely<Database>;
  engine: Engine;
  /** Location of the data without credentials: a file path, or host and database. */
  location: string;
  close(): Promise<void>;
}

export interface StorageOptions {
  dataDir: string;
  databaseUrl: string | undefined;
  poolSize: number;
  /** Called with the error when an idle PostgreSQL connection fails; the default ignores it. */
  onIdleError?: (error: Error) => void;
}

export const SQLITE_FILE_NAME = 'vision.db';

/** Prepared statements kept per connection; past this many distinct SQL texts the cache starts over. */
const STATEMENT_CACHE_SIZE = 500;

// Kysely's SQLite driver prepares every query anew, and preparing costs as much as running a small query.
// Reusing a statement is safe because the driver runs one query at a time on its single connection.
function withStatementCache(connection: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => connection.close(),
    prepare(sqlText: string) {
      let statement = statements.get(sqlText);
      if (!statement) {
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.clear();
        statement = connection.prepare(sqlText);
        statements.set(sqlText, statement);
      }
      return statement;
    },
  };
}

function openSqlite(dataDir: string): Storage {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, SQLITE_FILE_NAME);
  const connection = new BetterSqlite3(file);

  // WAL lets readers run while a write is in progress; the busy timeout waits for a lock instead of failing.
  connection.pragma('journal_mode = WAL');
  connection.pragma('busy_timeout = 5000');
  connection.pragma('foreign_keys = ON');

  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(connection) }) });
  return { db, engine: 'sqlite', location: file, close: closeOnce(db) };
}

function describePostgres(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}

/** Returns a close function that destroys the Kysely instance once, however often it is called. */
function closeOnce(db: Kysely<Database>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= db.destroy());
}

function openPostgres(url: string, poolSize: number, onIdleError: (error: Error) => void): Storage {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection that the server closes (restart, failover) emits 'error' on the pool; without a
  // listener that event would end the process. The pool replaces the connection on the next query.
  pool.on('error', onIdleError);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', location: describePostgres(url), close: closeOnce(db) };
}

/** Runs every pending migration. Kysely's Migrator holds a lock, so instances starting together migrate once. */
export async function migrate(storage: Storage): Promise<string[]> {
  const migrator = new Migrator({ db: storage.db, provider: migrationProvider(storage.engine) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed on the ${storage.engine} database at ${storage.location}: ${(error as Error).message}`, { cause: error });
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

export async function openStorage(options: StorageOptions): Promise<Storage> {
  const storage = options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize, options.onIdleError ?? (() => {})) : openSqlite(options.dataDir);
  try {
    await migrate(storage);
  } catch (error) {
    await storage.close();
    throw error;
  }
  return storage;
}

/** Times one round trip to the database, in milliseconds. */
export async function pingDatabase(storage: Storage): Promise<number> {
  const started = performance.now();
  await sql`select 1`.execute(storage.db);
  return performance.now() - started;
}

export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  // SQLite: SQLITE_CONSTRAINT_UNIQUE; PostgreSQL: unique_violation.
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
