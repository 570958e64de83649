// Reads and writes models and their versions.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database, ModelTable, ModelVersionTable } from './schema.js';
import type { Engine } from './database.js';

export type ModelRow = Selectable<ModelTable>;
export type ModelVersionRow = Selectable<ModelVersionTable>;

export interface ModelStats {
  feature_names: string[];
  coefficients: number[];
  feature_means: number[];
  coefficient_variance: number[];
}

export interface ModelFilter {
  /** Case-sensitive substring of the name. */
  name?: string;
  tag?: string;
  owner?: string;
  afterId?: number;
  limit: number;
}

// instr (SQLite) and strpos (PostgreSQL) are both case-sensitive and treat % and _ literally, unlike LIKE.
function contains(engine: Engine, column: 'name' | 'tags', text: string) {
  return engine === 'postgres' ? sql<boolean>`strpos(${sql.ref(column)}, ${text}) > 0` : sql<boolean>`instr(${sql.ref(column)}, ${text}) > 0`;
}

/** Lists models by ascending id. Tags are a JSON array whose items cannot contain `"`, so `"tag"` matches one whole item. */
export function listModelRows(db: Kysely<Database>, engine: Engine, filter: ModelFilter): Promise<ModelRow[]> {
  let query = db.selectFrom('models').selectAll();
  if (filter.name !== undefined) query = query.where(contains(engine, 'name', filter.name));
  if (filter.tag !== undefined) query = query.where(contains(engine, 'tags', JSON.stringify(filter.tag)));
  if (filter.owner !== undefined) query = query.where('owner', '=', filter.owner);
  if (filter.afterId !== undefined) query = query.where('id', '>', filter.afterId);
  return query.orderBy('id').limit(filter.limit).execute();
}

export function findModel(db: Kysely<Database>, id: number): Promise<ModelRow | undefined> {
  return db.selectFrom('models').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Returns the newest version of each of the given models, keyed by model id. */
export async function latestVersions(db: Kysely<Database>, modelIds: number[]): Promise<Map<number, ModelVersionRow>> {
  const latest = new Map<number, ModelVersionRow>();
  if (modelIds.length === 0) return latest;

  const rows = await db.selectFrom('model_versions').selectAll().where('model_id', 'in', modelIds).orderBy('model_id').orderBy('version').execute();
  for (const row of rows) latest.set(row.model_id, row);
  return latest;
}

/** Returns the version each model's alias points at, keyed by model id; models without the alias are absent. */
export async function aliasedVersions(db: Kysely<Database>, modelIds: number[], alias: string): Promise<Map<number, ModelVersionRow>> {
  const found = new Map<number, ModelVersionRow>();
  if (modelIds.length === 0) return found;

  const rows = await db
    .selectFrom('model_aliases')
    .innerJoin('model_versions', (join) => join.onRef('model_versions.model_id', '=', 'model_aliases.model_id').onRef('model_versions.version', '=', 'model_aliases.version'))
    .selectAll('model_versions')
    .where('model_aliases.model_id', 'in', modelIds)
    .where('model_aliases.alias', '=', alias)
    .execute();
  for (const row of rows) found.set(row.model_id, row);
  return found;
}

export function findVersion(db: Kysely<Database>, modelId: number, version: number): Promise<ModelVersionRow | undefined> {
  return db.selectFrom('model_versions').selectAll().where('model_id', '=', modelId).where('version', '=', version).executeTakeFirst();
}

/** Lists versions newest first, starting below `beforeVersion` when given. */
export function listVersionRows(db: Kysely<Database>, modelId: number, limit: number, beforeVersion?: number): Promise<ModelVersionRow[]> {
  let query = db.selectFrom('model_versions').selectAll().where('model_id', '=', modelId);
  if (beforeVersion !== undefined) query = query.where('version', '<', beforeVersion);
  return query.orderBy('version', 'desc').limit(limit).execute();
}

export interface NewVersion {
  stats: ModelStats;
  metrics: Record<string, number>;
  status: string;
  createdBy: string | null;
  now: string;
}

async function insertVersion(trx: Transaction<Database>, modelId: number, version: NewVersion): Promise<number> {
  const newest = await trx.selectFrom('model_versions').select((eb) => eb.fn.max('version').as('newest')).where('model_id', '=', modelId).executeTakeFirst();
  const number = Number(newest?.newest ?? 0) + 1;
  await trx
    .insertInto('model_versions')
    .values({ model_id: modelId, version: number, stats: JSON.stringify(version.stats), metrics: JSON.stringify(version.metrics), status: version.status, created_by: version.createdBy, created_at: version.now })
    .execute();
  return number;
}

/** Inserts the model and its version 1 in one transaction, so no model exists without a version. */
export async function insertModelWithVersion(
  db: Kysely<Database>,
  model: { name: string; description: string; labels: string[]; tags: string[]; owner: string | null; version: NewVersion },
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('models')
      .values({ name: model.name, description: model.description, labels: JSON.stringify(model.labels), tags: JSON.stringify(model.tags), owner: model.owner, created_at: model.version.now, updated_at: model.version.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertVersion(trx, inserted.id, model.version);
    return inserted.id;
  });
}

/**
 * Adds the next version. Two concurrent calls can read the same highest number; the unique
 * (model_id, version) constraint then rejects one, and the caller retries it.
 */
export function insertNextVersion(db: Kysely<Database>, modelId: number, version: NewVersion): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const number = await insertVersion(trx, modelId, version);
    await trx.updateTable('models').set({ updated_at: version.now }).where('id', '=', modelId).execute();
    return number;
  });
}

export async function updateModelRow(db: Kysely<Database>, id: number, changes: { description?: string; labels?: string[]; tags?: string[]; now: string }): Promise<boolean> {
  const values: Partial<Pick<ModelRow, 'description' | 'labels' | 'tags' | 'updated_at'>> = { updated_at: changes.now };
  if (changes.description !== undefined) values.description = changes.description;
  if (changes.labels !== undefined) values.labels = JSON.stringify(changes.labels);
  if (changes.tags !== undefined) values.tags = JSON.stringify(changes.tags);

  const result = await db.updateTable('models').set(values).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Deletes a model and every row stored for it in one transaction. The foreign keys cascade too,
 * but metric points have no foreign key (model_key 0 means "no model"), so each table is cleared
 * explicitly and the result does not depend on the engine's cascade settings.
 */
export async function deleteModelRows(db: Kysely<Database>, id: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('metric_points').where('model_key', '=', id).execute();
    await trx.deleteFrom('drift_profiles').where('model_id', '=', id).execute();
    await trx.deleteFrom('drift_reports').where('model_id', '=', id).execute();
    await trx.deleteFrom('model_alias_history').where('model_id', '=', id).execute();
    await trx.deleteFrom('model_aliases').where('model_id', '=', id).execute();
    await trx.deleteFrom('model_versions').where('model_id', '=', id).execute();
    const result = await trx.deleteFrom('models').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  });
}

/** Returns the model's name, or undefined when no model has this id. */
export async function findModelName(db: Kysely<Database>, id: number): Promise<string | undefined> {
  const row = await db.selectFrom('models').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name;
}
