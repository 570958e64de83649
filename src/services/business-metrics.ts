// Business metric series for the dashboard (cost, resource utilization and model accuracy) and their ingestion.
import { ApiError } from '../errors.js';
import type { Storage } from '../storage/database.js';
import { ingestMetricPoints, newestMetricTimestamp, selectMetricPoints, type MetricPoint } from '../storage/metrics.js';
import { aggregate, type Aggregation, type Interval } from '../domain/metric-buckets.js';
import { resolveWindow } from '../domain/metric-window.js';

export interface MetricDefinition {
  /** Display name with the unit, as the dashboard shows it. */
  name: string;
  unit: string;
  aggregation: Aggregation;
}

export const KNOWN_METRICS = {
  cost: { name: 'Cost ($k)', unit: 'thousand US dollars', aggregation: 'sum' },
  resource_utilization: { name: 'Resource Utilization (%)', unit: 'percent', aggregation: 'mean' },
  performance: { name: 'Model Accuracy (%)', unit: 'percent', aggregation: 'mean' },
} as const satisfies Record<string, MetricDefinition>;

export type KnownMetric = keyof typeof KNOWN_METRICS;

export interface MetricSeries {
  name: string;
  timestamps: string[];
  values: number[];
}

export interface MetricQuery {
  from?: string;
  to?: string;
  interval?: Interval;
  modelId?: number;
}

export interface PointInput {
  metric: string;
  timestamp: string;
  value: number;
  model_id?: number;
}

export interface IngestResult {
  received: number;
  inserted: number;
  updated: number;
  unchanged: number;
  unknown_metrics: string[];
}

function isKnownMetric(metric: string): metric is KnownMetric {
  return Object.hasOwn(KNOWN_METRICS, metric);
}

/** Rejects a batch with two points for one key, naming both indexes; the unique key would make the second silently win. */
function checkDistinctKeys(points: MetricPoint[]): void {
  const seen = new Map<string, number>();
  for (const [index, point] of points.entries()) {
    const key = `${point.metric}\u0000${point.modelKey}\u0000${point.timestamp}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new ApiError('invalid-request', `body/points/${index} has the same metric, model_id and timestamp as body/points/${earlier}; send each point once per batch.`);
    }
    seen.set(key, index);
  }
}

/** Earliest and latest instants a metric point may carry: years 1970 to 2199 in UTC. */
const EARLIEST_TIMESTAMP = Date.UTC(1970, 0, 1);
const LATEST_TIMESTAMP = Date.UTC(2200, 0, 1);

// The schema's date-time format accepts leap seconds and any year, which JavaScript dates cannot hold
// or bucket (Date.UTC maps years 0 to 99 to 1900 to 1999), so each timestamp is checked here.
function checkTimestamps(points: PointInput[]): void {
  points.forEach((point, index) => {
    const instant = Date.parse(point.timestamp);
    if (!Number.isFinite(instant)) {
      throw new ApiError('invalid-request', `body/points/${index}/timestamp "${point.timestamp}" names no instant (a leap second, say); send a time from 00:00:00 to 23:59:59.`);
    }
    if (instant < EARLIEST_TIMESTAMP || instant >= LATEST_TIMESTAMP) {
      throw new ApiError('invalid-request', `body/points/${index}/timestamp "${point.timestamp}" is outside 1970 to 2199; send the time the value was measured.`);
    }
  });
}

export function createBusinessMetricService(storage: Storage) {
  const db = storage.db;

  async function checkModelsExist(points: PointInput[]): Promise<void> {
    const ids = [...new Set(points.flatMap((point) => (point.model_id === undefined ? [] : [point.model_id])))];
    if (ids.length === 0) return;

    // NOTE: this check runs before the write transaction, so a model deleted in between leaves its points stored.
    const rows = await db.selectFrom('models').select('id').where('id', 'in', ids).execute();
    const known = new Set(rows.map((row) => row.id));
    const index = points.findIndex((point) => point.model_id !== undefined && !known.has(point.model_id));
    if (index >= 0) {
      throw new ApiError('invalid-request', `body/points/${index}/model_id is ${points[index]!.model_id}, but no model has that id; register the model first or leave model_id out. Nothing was stored.`);
    }
  }

  return {
    /**
     * Returns the three dashboard series, one sum or mean per bucket. resolveWindow picks the window.
     * By default it is the 12 months ending with the month of the newest stored point, or with the current month.
     */
    async dashboard(query: MetricQuery = {}, now: Date = new Date()): Promise<Record<KnownMetric, MetricSeries>> {
      const interval = query.interval ?? 'month';
      const metrics = Object.keys(KNOWN_METRICS) as KnownMetric[];
      if (query.modelId !== undefined) {
        const model = await db.selectFrom('models').select('id').where('id', '=', query.modelId).executeTakeFirst();
        if (!model) throw new ApiError('not-found', `querystring/model_id is ${query.modelId}, but no model has that id; list the models with GET /models.`);
      }

      const newest = query.from === undefined && query.to === undefined ? await newestMetricTimestamp(db, metrics, query.modelId) : undefined;
      const resolved = resolveWindow({ from: query.from, to: query.to }, interval, newest ? new Date(newest) : now);
      if ('problem' in resolved) throw new ApiError('invalid-request', resolved.problem);

      const { from, to } = resolved.window;
      const points = await selectMetricPoints(db, { metrics, from: from.toISOString(), to: to.toISOString(), modelKey: query.modelId });

      const series = {} as Record<KnownMetric, MetricSeries>;
      for (const metric of metrics) {
        const definition = KNOWN_METRICS[metric];
        const own = points.filter((point) => point.metric === metric);
        series[metric] = { name: definition.name, ...aggregate(own, interval, definition.aggregation) };
      }
      return series;
    },

    /** Stores a batch whole or not at all: every point is checked before the one transaction that writes them. */
    async ingest(points: PointInput[]): Promise<IngestResult> {
      checkTimestamps(points);
      await checkModelsExist(points);

      const normalized: MetricPoint[] = points.map((point) => ({
        metric: point.metric,
        modelKey: point.model_id ?? 0,
        // One spelling per instant, so 2026-01-01T00:00:00Z and 2026-01-01T01:00:00+01:00 share a key.
        timestamp: new Date(point.timestamp).toISOString(),
        value: point.value,
      }));
      checkDistinctKeys(normalized);

      const counts = await ingestMetricPoints(db, normalized, new Date().toISOString());
      const unknown = [...new Set(points.map((point) => point.metric).filter((metric) => !isKnownMetric(metric)))].sort();
      return { received: points.length, ...counts, unknown_metrics: unknown };
    },
  };
}

export type BusinessMetricService = ReturnType<typeof createBusinessMetricService>;
