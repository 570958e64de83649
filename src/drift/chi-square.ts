// Chi-square test of homogeneity on the 2 × k table (reference, current) × categories,
// as scipy.stats.chi2_contingency with its default correction=True (Yates' correction when dof is 1).

import { chiSquareSf } from './distributions.js';

export interface ChiSquareResult {
  statistic: number;
  p_value: number;
  /** Degrees of freedom: the number of categories with a non-zero count, minus 1. */
  dof: number;
}

/**
 * Runs the test from counts aligned category by category. Categories empty in both samples are
 * left out, because their expected frequency would be 0. Both totals must be positive.
 */
export function chiSquareTest(
  referenceCounts: readonly number[],
  currentCounts: readonly number[],
  correction = true,
): ChiSquareResult {
  const columns: Array<[number, number]> = [];
  for (let i = 0; i < referenceCounts.length; i++) {
    const reference = referenceCounts[i]!;
    const current = currentCounts[i]!;
    if (reference + current > 0) columns.push([reference, current]);
  }

  const dof = columns.length - 1;
  if (dof <= 0) {
    return { statistic: 0, p_value: 1, dof: 0 };
  }

  const referenceTotal = columns.reduce((sum, [reference]) => sum + reference, 0);
  const currentTotal = columns.reduce((sum, [, current]) => sum + current, 0);
  const total = referenceTotal + currentTotal;

  let statistic = 0;
  for (const [reference, current] of columns) {
    const columnTotal = reference + current;
    statistic += pearsonTerm(reference, (referenceTotal * columnTotal) / total, correction && dof === 1);
    statistic += pearsonTerm(current, (currentTotal * columnTotal) / total, correction && dof === 1);
  }

  return { statistic, p_value: chiSquareSf(statistic, dof), dof };
}

// (observed − expected)² / expected, with Yates' shift of at most 0.5 towards the expected count.
function pearsonTerm(observed: number, expected: number, yates: boolean): number {
  let adjusted = observed;
  if (yates) {
    const difference = expected - observed;
    adjusted = observed + Math.sign(difference) * Math.min(0.5, Math.abs(difference));
  }
  return (adjusted - expected) ** 2 / expected;
}
