// Jensen–Shannon distance, as scipy.spatial.distance.jensenshannon with the natural logarithm.

// Relative entropy term x ln(x / y), with 0 ln(0 / y) = 0 (scipy.special.rel_entr).
function relativeEntropyTerm(x: number, y: number): number {
  return x > 0 ? x * Math.log(x / y) : 0;
}

/**
 * Computes sqrt((KL(p‖m) + KL(q‖m)) / 2) with m = (p + q) / 2, on the proportions as counted
 * (no smoothing). The result lies in [0, sqrt(ln 2)].
 */
export function jensenShannonDistance(referenceCounts: readonly number[], currentCounts: readonly number[]): number {
  const referenceTotal = referenceCounts.reduce((sum, count) => sum + count, 0);
  const currentTotal = currentCounts.reduce((sum, count) => sum + count, 0);

  let left = 0;
  let right = 0;
  for (let i = 0; i < referenceCounts.length; i++) {
    const p = referenceCounts[i]! / referenceTotal;
    const q = currentCounts[i]! / currentTotal;
    const m = (p + q) / 2;
    left += relativeEntropyTerm(p, m);
    right += relativeEntropyTerm(q, m);
  }

  // Rounding can leave a divergence a few ulps below zero when the distributions are equal.
  return Math.sqrt(Math.max(0, (left + right) / 2));
}
