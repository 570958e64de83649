// The demo data set, computed at first start from public data sets in the vega-datasets package.
// Real: the models (logistic regressions fitted on Palmer penguins and Seattle weather), the accuracy
// series (the Seattle model scored month by month), and the drift report (Seattle weather 2012 against 2015).
// Synthetic: the cost and resource utilization series, and the connectors, which stay pending until tested.
import type { SeedContext } from './index.js';
import { buildDemoModels } from '../demo/models.js';
import { computeMonthlyRainAccuracy } from '../demo/performance.js';
import { loadSeattleWeather } from '../demo/datasets.js';
import { insertModelWithVersion } from '../storage/models.js';
import { moveAlias } from '../storage/model-aliases.js';
import { upsertMetricPoints, type MetricPoint } from '../storage/metrics.js';
import { insertConnector } from '../storage/connectors.js';
import { seedDemoDriftReport } from './demo-drift.js';

export const DEMO_OWNER = 'demo';

async function seedModels({ storage, services }: SeedContext, now: string): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const model of buildDemoModels()) {
    const id = await insertModelWithVersion(storage.db, {
      name: model.name,
      description: model.description,
      labels: model.labels,
      tags: ['demo'],
      owner: DEMO_OWNER,
      version: {
        stats: model.stats,
        metrics: { ...model.metrics, intercept: model.intercept, intercept_variance: model.intercept_variance },
        status: 'production',
        createdBy: DEMO_OWNER,
        now,
      },
    });
    // The alias move is recorded in the history like any other, so the demo shows one entry per model.
    await moveAlias(storage.db, storage.engine, { modelId: id, alias: 'production', version: 1, by: DEMO_OWNER, now });
    ids.set(model.name, id);
    await services.notifications.record({ kind: 'model_registered', severity: 'info', title: 'Model registered', message: `${DEMO_OWNER} registered ${model.name} (version 1).`, modelId: id, timestamp: now });
  }
  return ids;
}

/**
 * Builds the metric points: the accuracy is the Seattle model's real monthly accuracy. Cost and
 * utilization are synthetic, a deterministic function of the month, so every start stores the same numbers.
 */
export function buildDemoMetricPoints(accuracy: Array<{ month: string; accuracy_percent: number }>, modelKey: number): MetricPoint[] {
  const points: MetricPoint[] = [];
  accuracy.forEach(({ month, accuracy_percent }, index) => {
    const timestamp = `${month}T00:00:00.000Z`;
    points.push({ metric: 'performance', modelKey, timestamp, value: Math.round(accuracy_percent * 100) / 100 });
    points.push({ metric: 'cost', modelKey: 0, timestamp, value: Math.round((38 + 0.6 * index + 4 * Math.sin(index / 2)) * 100) / 100 });
    points.push({ metric: 'resource_utilization', modelKey: 0, timestamp, value: Math.round((60 + 12 * Math.sin(index / 3) + 0.3 * index) * 100) / 100 });
  });
  return points;
}

async function seedConnectors({ storage }: SeedContext, now: string): Promise<void> {
  const connectors = [
    { name: 'Feature store (PostgreSQL)', provider: 'postgresql', type: 'onprem' as const, settings: { host: '127.0.0.1', port: 5432, database: 'postgres', user: 'postgres' } },
    { name: 'Training data lake (AWS S3)', provider: 'aws_s3', type: 'cloud' as const, settings: { bucket: 'example-training-data', region: 'eu-west-1' } },
    { name: 'Lakehouse (Databricks)', provider: 'databricks', type: 'cloud' as const, settings: { workspace_url: 'https://example.cloud.databricks.com' } },
  ];
  for (const connector of connectors) {
    await insertConnector(storage.db, {
      name: connector.name,
      provider: connector.provider,
      type: connector.type,
      status: 'pending',
      settings: JSON.stringify(connector.settings),
      secrets: null,
      status_reason: 'Not tested yet.',
      last_checked: null,
      created_at: now,
      updated_at: now,
    });
  }
}

export async function seedDemoData(context: SeedContext): Promise<void> {
  const now = new Date().toISOString();
  const weather = loadSeattleWeather();

  const modelIds = await seedModels(context, now);
  const rainModelId = modelIds.get('seattle-rain-predictor') ?? 0;
  await upsertMetricPoints(context.storage.db, buildDemoMetricPoints(computeMonthlyRainAccuracy(weather), rainModelId), now);
  await seedConnectors(context, now);
  await seedDemoDriftReport(context, weather, rainModelId, now);
}
