// Business metric series for the dashboard: cost, resource utilization and model accuracy.
import type { Storage } from '../storage/database.js';
import { newestMetricTimestamp, selectMetricPoints } from '../storage/metrics.js';
import { addBuckets, aggregate, bucketStart, formatDay, type Aggregation, type Interval } from '../domain/metric-buckets.js';

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

/** How many buckets the default window spans: the last 12 months. */
export const DEFAULT_BUCKETS = 12;

export function createBusinessMetricService(storage: Storage) {
  return {
    /**
     * Returns the three dashboard series for the 12 months that end with the month of the newest stored
     * point (or the current month when nothing is stored), one mean or sum per month.
     */
    async dashboard(now: Date = new Date()): Promise<Record<KnownMetric, MetricSeries>> {
      const metrics = Object.keys(KNOWN_METRICS) as KnownMetric[];
      const newest = await newestMetricTimestamp(storage.db, metrics);
      const interval: Interval = 'month';

      const lastBucket = bucketStart(newest ? new Date(newest) : now, interval);
      const from = addBuckets(lastBucket, interval, -(DEFAULT_BUCKETS - 1));
      const to = addBuckets(lastBucket, interval, 1);
      const points = await selectMetricPoints(storage.db, { metrics, from: formatDay(from), to: formatDay(to) });

      const series = {} as Record<KnownMetric, MetricSeries>;
      for (const metric of metrics) {
        const definition = KNOWN_METRICS[metric];
        const own = points.filter((point) => point.metric === metric);
        series[metric] = { name: definition.name, ...aggregate(own, interval, definition.aggregation) };
      }
      return series;
    },
  };
}

export type BusinessMetricService = ReturnType<typeof createBusinessMetricService>;
