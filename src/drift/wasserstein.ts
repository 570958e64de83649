// Wasserstein-1 (earth mover's) distance between one-dimensional distributions, as
// scipy.stats.wasserstein_distance: the integral of |F_ref − F_cur| over the pooled values.

import { sortedCopy } from './sample.js';

/** Floor for the reference standard deviation used to norm the distance (Evidently's rule). */
export const WASSERSTEIN_STD_FLOOR = 0.001;

/** Computes ∫ |F_ref − F_cur| dx for two non-empty samples sorted ascending, in one merge pass. */
export function wassersteinDistanceSorted(reference: Float64Array, current: Float64Array): number {
  const n1 = reference.length;
  const n2 = current.length;
  if (n1 === 0 || n2 === 0) {
    throw new RangeError(`wassersteinDistance needs non-empty samples, got sizes ${n1} and ${n2}`);
  }

  let i = 0;
  let j = 0;
  let distance = 0;
  while (i < n1 || j < n2) {
    const a = i < n1 ? reference[i]! : Infinity;
    const b = j < n2 ? current[j]! : Infinity;
    const value = a <= b ? a : b;
    while (i < n1 && reference[i]! <= value) i++;
    while (j < n2 && current[j]! <= value) j++;

    // Both empirical CDFs are constant from this value up to the next pooled value.
    const nextA = i < n1 ? reference[i]! : Infinity;
    const nextB = j < n2 ? current[j]! : Infinity;
    const next = nextA <= nextB ? nextA : nextB;
    if (next === Infinity) break;
    distance += Math.abs(i / n1 - j / n2) * (next - value);
  }
  return distance;
}

/** Computes the Wasserstein-1 distance between two unsorted samples of finite values. */
export function wassersteinDistance(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  return wassersteinDistanceSorted(sortedCopy(reference), sortedCopy(current));
}

/**
 * Computes the Wasserstein-1 distance between two weighted point sets on the same ascending points,
 * as scipy.stats.wasserstein_distance(points, points, referenceWeights, currentWeights).
 */
export function wassersteinDistanceWeighted(
  points: readonly number[],
  referenceWeights: readonly number[],
  currentWeights: readonly number[],
): number {
  const referenceTotal = referenceWeights.reduce((sum, weight) => sum + weight, 0);
  const currentTotal = currentWeights.reduce((sum, weight) => sum + weight, 0);

  let referenceCumulative = 0;
  let currentCumulative = 0;
  let distance = 0;
  for (let k = 0; k < points.length - 1; k++) {
    referenceCumulative += referenceWeights[k]!;
    currentCumulative += currentWeights[k]!;
    const gap = points[k + 1]! - points[k]!;
    distance += Math.abs(referenceCumulative / referenceTotal - currentCumulative / currentTotal) * gap;
  }
  return distance;
}

/** Divides a Wasserstein distance by the reference's population standard deviation, floored at 0.001. */
export function normWasserstein(distance: number, referenceStd: number): number {
  return distance / Math.max(referenceStd, WASSERSTEIN_STD_FLOOR);
}
