// Shared setup of the drift API tests: an app without demo data, a model to attach reports to, and the Seattle weather CSV.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { insertModelWithVersion } from '../../src/storage/models.js';

export const SEATTLE_CSV_PATH = path.resolve('node_modules/vega-datasets/data/seattle-weather.csv');

type Tap = Parameters<typeof startTestApp>[0];

export interface DriftTestApp {
  api: TestApp;
  token: string;
  modelId: number;
}

/** Starts an app with no demo data and one registered model, and logs in. */
export async function startDriftApp(t: Tap, env: Record<string, string> = {}): Promise<DriftTestApp> {
  const api = await startTestApp(t, { SEED_DEMO_DATA: 'false', ...env });
  const modelId = await insertModelWithVersion(api.app.storage.db, {
    name: 'rain-model',
    description: '',
    labels: [],
    tags: [],
    owner: 'user',
    version: {
      stats: { feature_names: [], coefficients: [], feature_means: [], coefficient_variance: [] },
      metrics: {},
      status: 'staging',
      createdBy: 'user',
      now: new Date().toISOString(),
    },
  });
  return { api, token: await api.login(), modelId };
}

/** Splits the Seattle weather CSV into its header, the rows of 2012 and the rows of 2015, without the date column. */
export function seattleRowsByYear(): { header: string; rows2012: string[]; rows2015: string[] } {
  const [header, ...lines] = readFileSync(SEATTLE_CSV_PATH, 'utf8').trim().split('\n');
  const withoutDate = (line: string) => line.slice(line.indexOf(',') + 1);
  return {
    header: withoutDate(header!),
    rows2012: lines.filter((line) => line.startsWith('2012-')).map(withoutDate),
    rows2015: lines.filter((line) => line.startsWith('2015-')).map(withoutDate),
  };
}

/** Builds a multipart/form-data body with one file part per entry. */
export function multipartBody(files: Array<{ name: string; filename?: string; content: string; field?: boolean }>): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----drift-test-boundary';
  const parts = files.map(({ name, filename, content, field }) => {
    const disposition = field ? `form-data; name="${name}"` : `form-data; name="${name}"; filename="${filename ?? `${name}.csv`}"`;
    const type = field ? '' : 'Content-Type: text/csv\r\n';
    return `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n${content}\r\n`;
  });
  return { payload: Buffer.from(parts.join('') + `--${boundary}--\r\n`), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Counts the stored reports, notifications and profiles, for "nothing stored" checks. */
export async function storedCounts(api: TestApp): Promise<{ reports: number; notifications: number; profiles: number }> {
  const db = api.app.storage.db;
  const reports = await db.selectFrom('drift_reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const notifications = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const profiles = await db.selectFrom('drift_profiles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { reports: Number(reports.n), notifications: Number(notifications.n), profiles: Number(profiles.n) };
}

/** Generates deterministic values uniform in [shift, shift + 1) with a linear congruential generator. */
export function uniformValues(count: number, seed: number, shift = 0): number[] {
  let state = seed >>> 0;
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    values.push(state / 2 ** 32 + shift);
  }
  return values;
}
