// Groups metric points into calendar buckets (UTC) and aggregates each bucket. No I/O.

export type Interval = 'day' | 'week' | 'month';
export type Aggregation = 'sum' | 'mean';

/** Returns the first instant of the bucket that contains `date`. Weeks start on Monday (ISO 8601). */
export function bucketStart(date: Date, interval: Interval): Date {
  const start = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), interval === 'month' ? 1 : date.getUTCDate()));
  if (interval === 'week') {
    const daysSinceMonday = (start.getUTCDay() + 6) % 7;
    start.setUTCDate(start.getUTCDate() - daysSinceMonday);
  }
  return start;
}

/** Returns the start of the bucket `count` buckets after the one starting at `start` (count may be negative). */
export function addBuckets(start: Date, interval: Interval, count: number): Date {
  const next = new Date(start);
  if (interval === 'month') next.setUTCMonth(next.getUTCMonth() + count);
  else next.setUTCDate(next.getUTCDate() + count * (interval === 'week' ? 7 : 1));
  return next;
}

export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Aggregates points into buckets: `sum` adds the values, `mean` averages them. Buckets without points are
 * left out, so the returned arrays have equal length and ascending timestamps (YYYY-MM-DD).
 */
export function aggregate(points: Array<{ timestamp: string; value: number }>, interval: Interval, aggregation: Aggregation): { timestamps: string[]; values: number[] } {
  const buckets = new Map<string, { sum: number; count: number }>();
  for (const point of points) {
    const key = formatDay(bucketStart(new Date(point.timestamp), interval));
    const bucket = buckets.get(key) ?? { sum: 0, count: 0 };
    bucket.sum += point.value;
    bucket.count += 1;
    buckets.set(key, bucket);
  }

  const timestamps = [...buckets.keys()].sort();
  const values = timestamps.map((key) => {
    const bucket = buckets.get(key)!;
    const value = aggregation === 'sum' ? bucket.sum : bucket.sum / bucket.count;
    // Rounded to 1e-9 so sums of decimals read as entered (0.1 + 0.2 shows as 0.3).
    return Math.round(value * 1e9) / 1e9;
  });
  return { timestamps, values };
}
