// The model registry as the dashboard reads it.
import type { Storage } from '../storage/database.js';
import { latestVersions, listModelRows, type ModelStats } from '../storage/models.js';

export interface ModelSummary {
  id: number;
  name: string;
  labels: string[];
  stats: ModelStats;
}

export function createModelService(storage: Storage) {
  return {
    async list(): Promise<ModelSummary[]> {
      const models = await listModelRows(storage.db);
      const versions = await latestVersions(storage.db, models.map((model) => model.id));

      const summaries: ModelSummary[] = [];
      for (const model of models) {
        const version = versions.get(model.id);
        // A model is inserted with its first version in one transaction, so a model without one is skipped, not invented.
        if (!version) continue;
        summaries.push({ id: model.id, name: model.name, labels: JSON.parse(model.labels) as string[], stats: JSON.parse(version.stats) as ModelStats });
      }
      return summaries;
    },
  };
}

export type ModelService = ReturnType<typeof createModelService>;
