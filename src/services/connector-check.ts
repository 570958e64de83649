// Tries a connector from this server. Only PostgreSQL can be reached from here; the other
// providers would need their SDKs and network access, so their check reports that it cannot run.
import pg from 'pg';
import type { Provider, SettingValue } from '../domain/connector-settings.js';

export interface CheckResult {
  status: 'connected' | 'disconnected' | 'pending';
  reason: string;
}

/** Connect and statement timeouts of a PostgreSQL check, in milliseconds. */
export const CHECK_TIMEOUT_MS = 5000;

async function checkPostgres(settings: Record<string, SettingValue>, secrets: Record<string, string>): Promise<CheckResult> {
  const client = new pg.Client({
    host: String(settings.host),
    port: Number(settings.port),
    database: String(settings.database),
    user: String(settings.user),
    password: secrets.password,
    ssl: settings.ssl === true ? { rejectUnauthorized: true } : undefined,
    connectionTimeoutMillis: CHECK_TIMEOUT_MS,
    statement_timeout: CHECK_TIMEOUT_MS,
    query_timeout: CHECK_TIMEOUT_MS,
  });
  // An error event after connect (e.g. the server closing) must not crash the process.
  client.on('error', () => undefined);

  const started = performance.now();
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { status: 'connected', reason: `SELECT 1 succeeded in ${Math.round(performance.now() - started)} ms.` };
  } catch (error) {
    const message = (error as Error).message || String(error);
    return { status: 'disconnected', reason: `Connecting to ${String(settings.host)}:${Number(settings.port)} failed: ${message}` };
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function checkConnector(provider: Provider, settings: Record<string, SettingValue>, secrets: Record<string, string>): Promise<CheckResult> {
  if (provider === 'postgresql') return checkPostgres(settings, secrets);
  return { status: 'pending', reason: `The settings have a valid shape, but this server cannot check ${provider} connections; the status stays pending.` };
}
