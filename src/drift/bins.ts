// Quantile bins of the reference sample, used by PSI, Jensen–Shannon and chi-square on numerical features.

/** Default number of bins for numerical PSI and Jensen–Shannon. */
export const DEFAULT_BINS = 10;
export const MAX_BINS = 1000;

/** Computes the q-quantile of an ascending sample by linear interpolation, as numpy.quantile(method="linear"). */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  const virtualIndex = (n - 1) * q;
  if (virtualIndex >= n - 1) return sorted[n - 1]!;
  if (virtualIndex <= 0) return sorted[0]!;

  const below = Math.floor(virtualIndex);
  const a = sorted[below]!;
  const b = sorted[below + 1]!;
  const t = virtualIndex - below;

  // numpy's _lerp interpolates from the nearer end, so that t = 1 returns b exactly.
  const difference = b - a;
  return t >= 0.5 ? b - difference * (1 - t) : a + difference * t;
}

/**
 * Computes the finite inner bin edges: the reference's quantiles at i / bins for i = 1 .. bins − 1,
 * with duplicates merged. The outer edges are −∞ and +∞, and each bin is [a, b).
 */
export function quantileBinEdges(sortedReference: Float64Array, bins: number): number[] {
  if (sortedReference.length === 0) return [];

  const quantiles: number[] = [];
  for (let i = 1; i < bins; i++) {
    quantiles.push(quantileSorted(sortedReference, i / bins));
  }
  quantiles.sort((x, y) => x - y);

  const edges: number[] = [];
  for (const edge of quantiles) {
    if (edges.length === 0 || edge > edges[edges.length - 1]!) edges.push(edge);
  }
  return edges;
}

/** Finds the number of values below `target` in an ascending sample (a lower-bound binary search). */
export function countBelow(sorted: Float64Array, target: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Counts an ascending sample into the bins [−∞, e1), [e1, e2), …, [e_last, +∞). */
export function countBinsSorted(sorted: Float64Array, edges: readonly number[]): number[] {
  const counts: number[] = [];
  let previous = 0;
  for (const edge of edges) {
    const below = countBelow(sorted, edge);
    counts.push(below - previous);
    previous = below;
  }
  counts.push(sorted.length - previous);
  return counts;
}

/** Finds the bin of one value: the number of edges at or below it. */
export function binIndex(edges: readonly number[], value: number): number {
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (edges[middle]! <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Places each bin's mass at one point for the binned Wasserstein estimate: inner bins at the midpoint
 * of their edges, the two outer bins at their finite edge.
 */
export function binRepresentativePoints(edges: readonly number[]): number[] {
  if (edges.length === 0) return [0];

  const points = [edges[0]!];
  for (let i = 1; i < edges.length; i++) {
    points.push(edges[i - 1]! + (edges[i]! - edges[i - 1]!) / 2);
  }
  points.push(edges[edges.length - 1]!);
  return points;
}
