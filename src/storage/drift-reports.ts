// Reads and writes drift reports.
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, DriftReportTable } from './schema.js';

export type DriftReportRow = Selectable<DriftReportTable>;

export async function insertDriftReport(db: Kysely<Database>, row: Insertable<DriftReportTable>): Promise<number> {
  const inserted = await db.insertInto('drift_reports').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export function latestDriftReport(db: Kysely<Database>, modelId?: number): Promise<DriftReportRow | undefined> {
  let query = db.selectFrom('drift_reports').selectAll();
  if (modelId !== undefined) query = query.where('model_id', '=', modelId);
  return query.orderBy('id', 'desc').limit(1).executeTakeFirst();
}
