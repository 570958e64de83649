// Population stability index over bins or categories.

/** Proportion that replaces an empty bin's 0 so that the logarithm stays finite; no renormalising follows. */
export const PSI_EMPTY_BIN_PROPORTION = 0.0001;

function binProportion(count: number, total: number): number {
  return count === 0 ? PSI_EMPTY_BIN_PROPORTION : count / total;
}

/**
 * Computes PSI = Σ (p_cur − p_ref) ln(p_cur / p_ref) from counts aligned bin by bin,
 * where p = count / total and an empty bin's p becomes 0.0001.
 */
export function populationStabilityIndex(referenceCounts: readonly number[], currentCounts: readonly number[]): number {
  const referenceTotal = referenceCounts.reduce((sum, count) => sum + count, 0);
  const currentTotal = currentCounts.reduce((sum, count) => sum + count, 0);

  let index = 0;
  for (let i = 0; i < referenceCounts.length; i++) {
    const reference = binProportion(referenceCounts[i]!, referenceTotal);
    const current = binProportion(currentCounts[i]!, currentTotal);
    index += (current - reference) * Math.log(current / reference);
  }
  return index;
}
