// Reads and writes each model's drift profile.
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, DriftProfileTable } from './schema.js';

export type DriftProfileRow = Selectable<DriftProfileTable>;

/** Stores the model's profile, replacing the one stored before. */
export async function upsertDriftProfile(db: Kysely<Database>, row: Insertable<DriftProfileTable>): Promise<void> {
  await db
    .insertInto('drift_profiles')
    .values(row)
    .onConflict((conflict) => conflict.column('model_id').doUpdateSet({ profile: row.profile, report_id: row.report_id ?? null, created_by: row.created_by ?? null, created_at: row.created_at }))
    .execute();
}

export function findDriftProfile(db: Kysely<Database>, modelId: number): Promise<DriftProfileRow | undefined> {
  return db.selectFrom('drift_profiles').selectAll().where('model_id', '=', modelId).executeTakeFirst();
}
