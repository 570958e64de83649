// Two-sample Kolmogorov–Smirnov test, two-sided, as scipy.stats.ks_2samp(method="auto") in scipy 1.17.
// Exact p-values follow Hodges (1958), "The Significance Probability of the Smirnov Two-Sample Test",
// Arkiv för Matematik 3(43), with the 1 - p recursion of Viehmann (2021), arXiv:2102.08037.

import { kolmogorovSmirnovSf } from './ks-distributions.js';
import { sortedCopy } from './sample.js';

/** scipy's MAX_AUTO_N: the exact distribution is used when both samples have at most this many values. */
export const KS_EXACT_MAX_N = 10_000;

export interface KsResult {
  /** Maximum absolute difference between the two empirical CDFs. */
  statistic: number;
  p_value: number;
  /** Null distribution behind the p-value: exact, or kstwo at the effective size. */
  p_value_method: 'exact' | 'asymptotic';
}

function greatestCommonDivisor(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) {
    [x, y] = [y, x % y];
  }
  return x;
}

// numpy's round(): halves go to the nearest even integer.
function roundHalfToEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction > 0.5) return floor + 1;
  if (fraction < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Computes sup |F_ref − F_cur| by one merge pass over two ascending samples. */
export function ksStatisticSorted(reference: Float64Array, current: Float64Array): number {
  const n1 = reference.length;
  const n2 = current.length;
  let i = 0;
  let j = 0;
  let maxAbove = -Infinity;
  let maxBelow = 0;

  // The ECDF difference only changes at pooled values, so evaluate it after each distinct value.
  while (i < n1 || j < n2) {
    const a = i < n1 ? reference[i]! : Infinity;
    const b = j < n2 ? current[j]! : Infinity;
    const value = a <= b ? a : b;
    while (i < n1 && reference[i]! <= value) i++;
    while (j < n2 && current[j]! <= value) j++;

    const difference = i / n1 - j / n2;
    if (difference > maxAbove) maxAbove = difference;
    if (-difference > maxBelow) maxBelow = -difference;
  }

  return maxBelow > maxAbove ? maxBelow : maxAbove;
}

// P(D ≥ h/n) for two samples of equal size n, by a Horner-like alternating sum.
function exactPValueEqualSizes(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let term = 1;
    for (let j = 0; j < h; j++) {
      term = ((n - k * h - j) * term) / (n + k * h + j + 1);
    }
    p = term * (1 - p);
  }
  return 2 * p;
}

/**
 * Computes the share of lattice paths from (0, 0) to (m, n) that leave the band |x/m − y/n| < h / lcm(m, n),
 * which is P(D ≥ h / lcm) under the null. Keeps one sliding column of the path-count matrix, as scipy.
 */
function exactPValueUnequalSizes(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;

  let minJ = 0;
  let maxJ = Math.min(Math.ceil(h / mg), n + 1);
  let currentLength = maxJ - minJ;
  const column = new Float64Array(Math.min(2 * maxJ + 2, n + 1)).fill(1);
  column.fill(0, minJ, maxJ);

  for (let i = 1; i <= m; i++) {
    const lastMinJ = minJ;
    const lastLength = currentLength;
    minJ = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxJ = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxJ <= minJ) return 1;

    // Each entry is the probability that a path through (i, j) has already left the band.
    let value = minJ === 0 ? 0 : 1;
    for (let jj = 0; jj < maxJ - minJ; jj++) {
      const j = jj + minJ;
      value = (column[jj + minJ - lastMinJ]! * i + value * j) / (i + j);
      column[jj] = value;
    }

    currentLength = maxJ - minJ;
    if (lastLength > currentLength) {
      column.fill(1, maxJ - minJ, maxJ - minJ + (lastLength - currentLength));
    }
  }
  return column[maxJ - minJ - 1]!;
}

interface ExactAttempt {
  success: boolean;
  statistic: number;
  p_value: number;
}

// scipy's _attempt_exact_2kssamp: the statistic is snapped to the lattice h / lcm(n1, n2).
function attemptExactPValue(n1: number, n2: number, statistic: number): ExactAttempt {
  const g = greatestCommonDivisor(n1, n2);
  const lcm = (n1 / g) * n2;
  const h = Math.round(statistic * lcm);
  const snapped = h / lcm;
  if (h === 0) {
    return { success: true, statistic: snapped, p_value: 1 };
  }

  const p = n1 === n2 ? exactPValueEqualSizes(n1, h) : exactPValueUnequalSizes(n1, n2, g, h);
  const success = Number.isFinite(p) && p >= 0 && p <= 1;
  return { success, statistic: snapped, p_value: p };
}

// Two-sided asymptotic p-value: kstwo at the effective size round(n1 n2 / (n1 + n2)), not the Kolmogorov limit.
function asymptoticPValue(n1: number, n2: number, statistic: number): number {
  const effectiveSize = roundHalfToEven((n1 * n2) / (n1 + n2));
  return kolmogorovSmirnovSf(Math.max(effectiveSize, 1), statistic);
}

/** Runs the two-sided two-sample KS test on samples already sorted ascending, each non-empty and free of NaN. */
export function ksTwoSampleSorted(reference: Float64Array, current: Float64Array): KsResult {
  const n1 = reference.length;
  const n2 = current.length;
  if (n1 === 0 || n2 === 0) {
    throw new RangeError(`ksTwoSample needs non-empty samples, got sizes ${n1} and ${n2}`);
  }

  const statistic = ksStatisticSorted(reference, current);

  // The exact/asymptotic switch of method="auto", and scipy's fall-back when the exact value is unusable.
  if (Math.max(n1, n2) <= KS_EXACT_MAX_N) {
    const exact = attemptExactPValue(n1, n2, statistic);
    if (exact.success) {
      return { statistic: exact.statistic, p_value: exact.p_value, p_value_method: 'exact' };
    }
    const p = asymptoticPValue(n1, n2, exact.statistic);
    return { statistic: exact.statistic, p_value: Math.min(1, Math.max(0, p)), p_value_method: 'asymptotic' };
  }

  const p = asymptoticPValue(n1, n2, statistic);
  return { statistic, p_value: Math.min(1, Math.max(0, p)), p_value_method: 'asymptotic' };
}

/** Runs the two-sided two-sample KS test on unsorted finite values. */
export function ksTwoSample(reference: ArrayLike<number>, current: ArrayLike<number>): KsResult {
  return ksTwoSampleSorted(sortedCopy(reference), sortedCopy(current));
}
