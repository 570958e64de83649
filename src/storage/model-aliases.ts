// Reads and writes model aliases and the history of their moves.
import type { Kysely, Selectable } from 'kysely';
import type { Database, ModelAliasHistoryTable, ModelAliasTable } from './schema.js';
import type { Engine } from './database.js';

export type ModelAliasRow = Selectable<ModelAliasTable>;
export type AliasMoveRow = Selectable<ModelAliasHistoryTable>;

export function listAliasRows(db: Kysely<Database>, modelId: number): Promise<ModelAliasRow[]> {
  return db.selectFrom('model_aliases').selectAll().where('model_id', '=', modelId).orderBy('alias').execute();
}

/**
 * Points the alias at `version` and records the move in the same transaction. Returns the
 * version it pointed at before (null when new), or `unchanged` when it already pointed there.
 * The row is read and written in one transaction; on SQLite serializes writers, and on PostgreSQL
 * the row is locked (SELECT ... FOR UPDATE), while a concurrent first creation of the same alias
 * fails on the primary key.
 */
export async function moveAlias(
  db: Kysely<Database>,
  engine: Engine,
  move: { modelId: number; alias: string; version: number; by: string; now: string },
): Promise<{ from: number | null; changed: boolean; row: ModelAliasRow }> {
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('model_aliases').selectAll().where('model_id', '=', move.modelId).where('alias', '=', move.alias).$if(engine === 'postgres', (query) => query.forUpdate()).executeTakeFirst();
    if (current && current.version === move.version) return { from: current.version, changed: false, row: current };

    const row: ModelAliasRow = { model_id: move.modelId, alias: move.alias, version: move.version, updated_by: move.by, updated_at: move.now };
    if (current) {
      await trx.updateTable('model_aliases').set({ version: move.version, updated_by: move.by, updated_at: move.now }).where('model_id', '=', move.modelId).where('alias', '=', move.alias).execute();
    } else {
      await trx.insertInto('model_aliases').values(row).execute();
    }
    await trx
      .insertInto('model_alias_history')
      .values({ model_id: move.modelId, alias: move.alias, from_version: current?.version ?? null, to_version: move.version, moved_by: move.by, moved_at: move.now })
      .execute();
    return { from: current?.version ?? null, changed: true, row };
  });
}

/** Deletes the alias and records it; returns the version it pointed at, or undefined when there was no such alias. */
export async function removeAlias(db: Kysely<Database>, engine: Engine, remove: { modelId: number; alias: string; by: string; now: string }): Promise<number | undefined> {
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('model_aliases').selectAll().where('model_id', '=', remove.modelId).where('alias', '=', remove.alias).$if(engine === 'postgres', (query) => query.forUpdate()).executeTakeFirst();
    if (!current) return undefined;

    await trx.deleteFrom('model_aliases').where('model_id', '=', remove.modelId).where('alias', '=', remove.alias).execute();
    await trx
      .insertInto('model_alias_history')
      .values({ model_id: remove.modelId, alias: remove.alias, from_version: current.version, to_version: null, moved_by: remove.by, moved_at: remove.now })
      .execute();
    return current.version;
  });
}

/** Lists alias moves newest first, starting below the history id `beforeId` when given. */
export function listAliasMoves(db: Kysely<Database>, modelId: number, limit: number, beforeId?: number): Promise<AliasMoveRow[]> {
  let query = db.selectFrom('model_alias_history').selectAll().where('model_id', '=', modelId);
  if (beforeId !== undefined) query = query.where('id', '<', beforeId);
  return query.orderBy('id', 'desc').limit(limit).execute();
}
