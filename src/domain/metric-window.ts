// Works out the time window of a business-metrics query from its optional bounds. No I/O.
import { addBuckets, bucketStart, type Interval } from './metric-buckets.js';

/** How many buckets a window spans when the request leaves `from` or `to` out. */
export const DEFAULT_BUCKETS = 12;

/** Most buckets one query may return: a year of days. */
export const MAX_BUCKETS = 366;

export interface MetricWindow {
  /** First instant included. */
  from: Date;
  /** First instant after the window. */
  to: Date;
}

export type WindowResult = { window: MetricWindow } | { problem: string };

function nextDay(date: Date): Date {
  const next = new Date(date);
  next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

/** Counts the buckets from the one containing `from` to the one containing the last instant before `to`, stopping past `MAX_BUCKETS`. */
export function countBuckets(window: MetricWindow, interval: Interval): number {
  const last = bucketStart(new Date(window.to.getTime() - 1), interval);
  let start = bucketStart(window.from, interval);
  let count = 1;
  while (start < last && count <= MAX_BUCKETS) {
    start = addBuckets(start, interval, 1);
    count += 1;
  }
  return count;
}

/**
 * Returns the window for the inclusive days `from` and `to` (YYYY-MM-DD, UTC). Without either,
 * it is the DEFAULT_BUCKETS buckets ending with the bucket of `newest`; with one, the
 * DEFAULT_BUCKETS buckets that start or end there.
 */
export function resolveWindow(bounds: { from?: string; to?: string }, interval: Interval, newest: Date): WindowResult {
  const from = bounds.from === undefined ? undefined : new Date(`${bounds.from}T00:00:00.000Z`);
  const to = bounds.to === undefined ? undefined : new Date(`${bounds.to}T00:00:00.000Z`);

  let window: MetricWindow;
  if (from && to) {
    if (from > to) return { problem: `querystring/from (${bounds.from}) is after querystring/to (${bounds.to}); swap them.` };
    window = { from, to: nextDay(to) };
  } else if (from) {
    window = { from, to: addBuckets(bucketStart(from, interval), interval, DEFAULT_BUCKETS) };
  } else if (to) {
    window = { from: addBuckets(bucketStart(to, interval), interval, -(DEFAULT_BUCKETS - 1)), to: nextDay(to) };
  } else {
    const last = bucketStart(newest, interval);
    window = { from: addBuckets(last, interval, -(DEFAULT_BUCKETS - 1)), to: addBuckets(last, interval, 1) };
  }

  const buckets = countBuckets(window, interval);
  if (buckets > MAX_BUCKETS) {
    return { problem: `The window from ${bounds.from} to ${bounds.to} spans more than ${MAX_BUCKETS} ${interval} buckets; shorten it or use a longer interval.` };
  }
  return { window };
}
