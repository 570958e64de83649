// The model registry: models, their numbered versions and the aliases that point at versions.
import { ApiError } from '../errors.js';
import type { Storage } from '../storage/database.js';
import { isUniqueViolation } from '../storage/database.js';
import {
  aliasedVersions,
  deleteModelRows,
  findModel,
  findVersion,
  insertModelWithVersion,
  insertNextVersion,
  latestVersions,
  listModelRows,
  listVersionRows,
  updateModelRow,
  type ModelFilter,
  type ModelRow,
  type ModelStats,
  type ModelVersionRow,
  type NewVersion,
} from '../storage/models.js';
import { listAliasMoves, listAliasRows, moveAlias, removeAlias, type AliasMoveRow, type ModelAliasRow } from '../storage/model-aliases.js';
import { findStatsProblem } from '../domain/model-stats.js';
import type { NotificationService } from './notifications.js';

/** The alias whose version listModels and getModel show; without it, the newest version is shown. */
export const CURRENT_ALIAS = 'production';

export type VersionStatus = 'staging' | 'production' | 'archived';

export interface ModelSummary {
  id: number;
  name: string;
  labels: string[];
  stats: ModelStats;
}

export interface ModelAlias {
  alias: string;
  version: number;
  updated_by: string | null;
  updated_at: string;
}

export interface ModelDetail {
  id: number;
  name: string;
  description: string;
  labels: string[];
  tags: string[];
  owner: string | null;
  created_at: string;
  updated_at: string;
  current_version: number;
  latest_version: number;
  stats: ModelStats;
  aliases: ModelAlias[];
}

export interface ModelVersion {
  model_id: number;
  version: number;
  status: VersionStatus;
  stats: ModelStats;
  metrics: Record<string, number>;
  created_by: string | null;
  created_at: string;
  aliases: string[];
}

export interface VersionInput {
  stats: ModelStats;
  metrics?: Record<string, number>;
  status?: VersionStatus;
}

export interface CreateModelInput {
  name: string;
  description?: string;
  labels?: string[];
  tags?: string[];
  version: VersionInput;
}

// Concurrent version inserts for one model collide on (model_id, version); a few retries settle them.
const VERSION_INSERT_ATTEMPTS = 5;

function toAlias(row: ModelAliasRow): ModelAlias {
  return { alias: row.alias, version: row.version, updated_by: row.updated_by, updated_at: row.updated_at };
}

function toVersion(row: ModelVersionRow, aliases: ModelAliasRow[]): ModelVersion {
  return {
    model_id: row.model_id,
    version: row.version,
    status: row.status as VersionStatus,
    stats: JSON.parse(row.stats) as ModelStats,
    metrics: JSON.parse(row.metrics) as Record<string, number>,
    created_by: row.created_by,
    created_at: row.created_at,
    aliases: aliases.filter((alias) => alias.version === row.version).map((alias) => alias.alias),
  };
}

function toMove(row: AliasMoveRow) {
  return { id: row.id, alias: row.alias, from_version: row.from_version, to_version: row.to_version, moved_by: row.moved_by, moved_at: row.moved_at };
}

/** Checks the rules JSON Schema cannot express and returns the version to store. */
function prepareVersion(input: VersionInput, location: string, createdBy: string, now: string): NewVersion {
  const problem = findStatsProblem(input.stats, `${location}/stats`);
  if (problem) throw new ApiError('invalid-request', problem);

  const metrics = input.metrics ?? {};
  for (const [name, value] of Object.entries(metrics)) {
    if (!Number.isFinite(value)) throw new ApiError('invalid-request', `${location}/metrics/${name} is not a finite number; send a finite number.`);
  }
  return { stats: input.stats, metrics, status: input.status ?? 'staging', createdBy, now };
}

export function createModelService(storage: Storage, notifications: NotificationService) {
  const db = storage.db;

  async function requireModel(id: number): Promise<ModelRow> {
    const model = await findModel(db, id);
    if (!model) throw new ApiError('not-found', `No model has the id ${id}; list the models with GET /models.`);
    return model;
  }

  async function detail(model: ModelRow): Promise<ModelDetail> {
    const aliases = await listAliasRows(db, model.id);
    const latest = (await latestVersions(db, [model.id])).get(model.id);
    const current = (await aliasedVersions(db, [model.id], CURRENT_ALIAS)).get(model.id) ?? latest;
    if (!latest || !current) throw new Error(`Model ${model.id} has no version, although models are inserted with their first version in one transaction.`);

    return {
      id: model.id,
      name: model.name,
      description: model.description,
      labels: JSON.parse(model.labels) as string[],
      tags: JSON.parse(model.tags) as string[],
      owner: model.owner,
      created_at: model.created_at,
      updated_at: model.updated_at,
      current_version: current.version,
      latest_version: latest.version,
      stats: JSON.parse(current.stats) as ModelStats,
      aliases: aliases.map(toAlias),
    };
  }

  return {
    /** Lists models by id with the stats of the `production` version, else the newest. */
    async list(filter: ModelFilter): Promise<ModelSummary[]> {
      const models = await listModelRows(db, storage.engine, filter);
      const ids = models.map((model) => model.id);
      const latest = await latestVersions(db, ids);
      const aliased = await aliasedVersions(db, ids, CURRENT_ALIAS);

      const summaries: ModelSummary[] = [];
      for (const model of models) {
        const version = aliased.get(model.id) ?? latest.get(model.id);
        // A model is inserted with its first version in one transaction, so a model without one is skipped, not invented.
        if (!version) continue;
        summaries.push({ id: model.id, name: model.name, labels: JSON.parse(model.labels) as string[], stats: JSON.parse(version.stats) as ModelStats });
      }
      return summaries;
    },

    async get(id: number): Promise<ModelDetail> {
      return detail(await requireModel(id));
    },

    async create(input: CreateModelInput, owner: string): Promise<ModelDetail> {
      const now = new Date().toISOString();
      const version = prepareVersion(input.version, 'body/version', owner, now);

      let id: number;
      try {
        id = await insertModelWithVersion(db, { name: input.name, description: input.description ?? '', labels: input.labels ?? [], tags: input.tags ?? [], owner, version });
      } catch (error) {
        // The unique index decides, so two requests registering the same name at once get one 201 and one 409.
        if (isUniqueViolation(error)) throw new ApiError('model-name-taken', `A model named ${input.name} is registered already; choose another name, or add a version with POST /models/{id}/versions.`, { cause: error });
        throw error;
      }

      await notifications.record({ kind: 'model_registered', severity: 'info', title: 'Model registered', message: `${owner} registered ${input.name} (version 1).`, modelId: id, relatedId: 1, timestamp: now });
      return detail(await requireModel(id));
    },

    async update(id: number, changes: { description?: string; labels?: string[]; tags?: string[] }): Promise<ModelDetail> {
      const updated = await updateModelRow(db, id, { ...changes, now: new Date().toISOString() });
      if (!updated) throw new ApiError('not-found', `No model has the id ${id}; list the models with GET /models.`);
      return detail(await requireModel(id));
    },

    async remove(id: number, by: string): Promise<void> {
      const model = await requireModel(id);
      const deleted = await deleteModelRows(db, id);
      if (!deleted) throw new ApiError('not-found', `No model has the id ${id}; another request deleted it meanwhile.`);
      await notifications.record({ kind: 'model_deleted', severity: 'warning', title: 'Model deleted', message: `${by} deleted ${model.name} with its versions, aliases, drift reports and metric points.`, modelId: id });
    },

    async addVersion(id: number, input: VersionInput, by: string): Promise<ModelVersion> {
      const model = await requireModel(id);
      const now = new Date().toISOString();
      const version = prepareVersion(input, 'body', by, now);

      let number: number | undefined;
      for (let attempt = 1; number === undefined; attempt++) {
        try {
          number = await insertNextVersion(db, id, version);
        } catch (error) {
          if (!isUniqueViolation(error) || attempt >= VERSION_INSERT_ATTEMPTS) throw error;
        }
      }

      await notifications.record({ kind: 'model_version_created', severity: 'info', title: 'Model version added', message: `${by} added version ${number} of ${model.name}.`, modelId: id, relatedId: number, timestamp: now });
      return toVersion((await findVersion(db, id, number))!, await listAliasRows(db, id));
    },

    async listVersions(id: number, limit: number, beforeVersion?: number): Promise<ModelVersion[]> {
      await requireModel(id);
      const rows = await listVersionRows(db, id, limit, beforeVersion);
      const aliases = await listAliasRows(db, id);
      return rows.map((row) => toVersion(row, aliases));
    },

    async getVersion(id: number, number: number): Promise<ModelVersion> {
      const model = await requireModel(id);
      const row = await findVersion(db, id, number);
      if (!row) throw new ApiError('not-found', `Model ${model.name} (id ${id}) has no version ${number}; list its versions with GET /models/${id}/versions.`);
      return toVersion(row, await listAliasRows(db, id));
    },

    async setAlias(id: number, alias: string, number: number, by: string): Promise<ModelAlias> {
      const model = await requireModel(id);
      if (!(await findVersion(db, id, number))) {
        throw new ApiError('not-found', `Model ${model.name} (id ${id}) has no version ${number}; list its versions with GET /models/${id}/versions.`);
      }

      const now = new Date().toISOString();
      const moved = await moveAlias(db, storage.engine, { modelId: id, alias, version: number, by, now });
      if (moved.changed) {
        const from = moved.from === null ? 'created' : `moved from version ${moved.from}`;
        await notifications.record({ kind: 'model_alias_moved', severity: 'info', title: 'Model alias moved', message: `${by} pointed ${model.name}@${alias} at version ${number} (${from}).`, modelId: id, relatedId: number, timestamp: now });
      }
      return toAlias(moved.row);
    },

    async deleteAlias(id: number, alias: string, by: string): Promise<void> {
      const model = await requireModel(id);
      const now = new Date().toISOString();
      const from = await removeAlias(db, storage.engine, { modelId: id, alias, by, now });
      if (from === undefined) throw new ApiError('not-found', `Model ${model.name} (id ${id}) has no alias ${alias}; see its aliases with GET /models/${id}.`);
      await notifications.record({ kind: 'model_alias_moved', severity: 'info', title: 'Model alias deleted', message: `${by} deleted ${model.name}@${alias}, which pointed at version ${from}.`, modelId: id, relatedId: from, timestamp: now });
    },

    async listAliasHistory(id: number, limit: number, beforeId?: number) {
      await requireModel(id);
      const rows = await listAliasMoves(db, id, limit, beforeId);
      return rows.map(toMove);
    },
  };
}

export type ModelService = ReturnType<typeof createModelService>;
