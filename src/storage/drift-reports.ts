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

export function findDriftReport(db: Kysely<Database>, id: number): Promise<DriftReportRow | undefined> {
  return db.selectFrom('drift_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Lists reports newest first (by id), starting below `beforeId` when given. */
export function listDriftReportRows(db: Kysely<Database>, options: { modelId?: number; beforeId?: number; limit: number }): Promise<DriftReportRow[]> {
  let query = db.selectFrom('drift_reports').selectAll();
  if (options.modelId !== undefined) query = query.where('model_id', '=', options.modelId);
  if (options.beforeId !== undefined) query = query.where('id', '<', options.beforeId);
  return query.orderBy('id', 'desc').limit(options.limit).execute();
}
