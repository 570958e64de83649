// Reads and writes models and their versions.
import type { Kysely, Selectable } from 'kysely';
import type { Database, ModelTable, ModelVersionTable } from './schema.js';

export type ModelRow = Selectable<ModelTable>;
export type ModelVersionRow = Selectable<ModelVersionTable>;

export interface ModelStats {
  feature_names: string[];
  coefficients: number[];
  feature_means: number[];
  coefficient_variance: number[];
}

export function listModelRows(db: Kysely<Database>): Promise<ModelRow[]> {
  return db.selectFrom('models').selectAll().orderBy('id').execute();
}

/** Returns the newest version of each of the given models, keyed by model id. */
export async function latestVersions(db: Kysely<Database>, modelIds: number[]): Promise<Map<number, ModelVersionRow>> {
  const latest = new Map<number, ModelVersionRow>();
  if (modelIds.length === 0) return latest;

  const rows = await db.selectFrom('model_versions').selectAll().where('model_id', 'in', modelIds).orderBy('model_id').orderBy('version').execute();
  for (const row of rows) latest.set(row.model_id, row);
  return latest;
}

export async function insertModelWithVersion(
  db: Kysely<Database>,
  model: { name: string; description: string; labels: string[]; tags: string[]; owner: string | null; stats: ModelStats; metrics: Record<string, number>; now: string },
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('models')
      .values({ name: model.name, description: model.description, labels: JSON.stringify(model.labels), tags: JSON.stringify(model.tags), owner: model.owner, created_at: model.now, updated_at: model.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('model_versions')
      .values({ model_id: inserted.id, version: 1, stats: JSON.stringify(model.stats), metrics: JSON.stringify(model.metrics), status: 'ready', created_by: model.owner, created_at: model.now })
      .execute();
    return inserted.id;
  });
}

/** Returns the model's name, or undefined when no model has this id. */
export async function findModelName(db: Kysely<Database>, id: number): Promise<string | undefined> {
  const row = await db.selectFrom('models').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name;
}
