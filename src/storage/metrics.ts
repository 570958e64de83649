// Reads and writes business metric points.
import type { Kysely, Selectable } from 'kysely';
import type { Database, MetricPointTable } from './schema.js';

export type MetricPointRow = Selectable<MetricPointTable>;

export interface MetricPoint {
  metric: string;
  modelKey: number;
  timestamp: string;
  value: number;
}

/** Inserts points in one transaction; a point whose (metric, model, timestamp) exists is replaced, so a retried batch changes nothing. */
export async function upsertMetricPoints(db: Kysely<Database>, points: MetricPoint[], now: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const point of points) {
      await trx
        .insertInto('metric_points')
        .values({ metric: point.metric, model_key: point.modelKey, timestamp: point.timestamp, value: point.value, created_at: now })
        .onConflict((conflict) => conflict.columns(['metric', 'model_key', 'timestamp']).doUpdateSet({ value: point.value }))
        .execute();
    }
  });
}

export interface IngestCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * Upserts points in one transaction and counts what each did. Each key is read before it is
 * written, in the same transaction. The counts are exact on SQLite because it serializes writers.
 * NOTE: on PostgreSQL a concurrent batch writing the same keys can make the counts overlap.
 * Callers pass points with distinct keys.
 */
export async function ingestMetricPoints(db: Kysely<Database>, points: MetricPoint[], now: string): Promise<IngestCounts> {
  return db.transaction().execute(async (trx) => {
    const counts: IngestCounts = { inserted: 0, updated: 0, unchanged: 0 };
    for (const point of points) {
      const existing = await trx
        .selectFrom('metric_points')
        .select('value')
        .where('metric', '=', point.metric)
        .where('model_key', '=', point.modelKey)
        .where('timestamp', '=', point.timestamp)
        .executeTakeFirst();
      if (existing && existing.value === point.value) {
        counts.unchanged += 1;
        continue;
      }

      await trx
        .insertInto('metric_points')
        .values({ metric: point.metric, model_key: point.modelKey, timestamp: point.timestamp, value: point.value, created_at: now })
        .onConflict((conflict) => conflict.columns(['metric', 'model_key', 'timestamp']).doUpdateSet({ value: point.value }))
        .execute();
      if (existing) counts.updated += 1;
      else counts.inserted += 1;
    }
    return counts;
  });
}

export function selectMetricPoints(db: Kysely<Database>, filter: { metrics: string[]; from: string; to: string; modelKey?: number }): Promise<MetricPointRow[]> {
  let query = db.selectFrom('metric_points').selectAll().where('metric', 'in', filter.metrics).where('timestamp', '>=', filter.from).where('timestamp', '<', filter.to);
  if (filter.modelKey !== undefined) query = query.where('model_key', '=', filter.modelKey);
  return query.orderBy('timestamp').execute();
}

export async function newestMetricTimestamp(db: Kysely<Database>, metrics: string[], modelKey?: number): Promise<string | undefined> {
  let query = db.selectFrom('metric_points').select((eb) => eb.fn.max('timestamp').as('newest')).where('metric', 'in', metrics);
  if (modelKey !== undefined) query = query.where('model_key', '=', modelKey);
  const row = await query.executeTakeFirst();
  return (row?.newest as string | null | undefined) ?? undefined;
}
