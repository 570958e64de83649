// Methods that need only counts per bin or category, shared by the raw-data and the counts paths.

import { chiSquareTest } from './chi-square.js';
import { jensenShannonDistance } from './jensen-shannon.js';
import { populationStabilityIndex } from './psi.js';
import type { ComputedStatistic } from './result.js';
import type { DriftMethod } from './types.js';
import { twoProportionZTest } from './z-test.js';

export type CountMethod = Extract<DriftMethod, 'psi' | 'jensenshannon' | 'chisquare' | 'z'>;

export function isCountMethod(method: DriftMethod): method is CountMethod {
  return method === 'psi' || method === 'jensenshannon' || method === 'chisquare' || method === 'z';
}

/**
 * Runs a count method on counts aligned bin by bin or category by category. For z the first
 * entry is the value whose share is compared, and there must be at most two entries.
 */
export function runCountMethod(
  method: CountMethod,
  referenceCounts: readonly number[],
  currentCounts: readonly number[],
): ComputedStatistic {
  switch (method) {
    case 'psi':
      return { statistic: populationStabilityIndex(referenceCounts, currentCounts), p_value: null };
    case 'jensenshannon':
      return { statistic: jensenShannonDistance(referenceCounts, currentCounts), p_value: null };
    case 'chisquare': {
      const { statistic, p_value } = chiSquareTest(referenceCounts, currentCounts);
      return { statistic, p_value };
    }
    case 'z': {
      const referenceTotal = referenceCounts.reduce((sum, count) => sum + count, 0);
      const currentTotal = currentCounts.reduce((sum, count) => sum + count, 0);
      const { statistic, p_value } = twoProportionZTest(
        referenceCounts[0] ?? 0,
        referenceTotal,
        currentCounts[0] ?? 0,
        currentTotal,
      );
      return { statistic, p_value };
    }
  }
}

export interface AlignedCounts {
  labels: string[];
  reference: number[];
  current: number[];
}

/** Aligns two category-count maps on the union of their categories, sorted by label (UTF-16 code units). */
export function alignCategoryCounts(
  reference: ReadonlyMap<string, number>,
  current: ReadonlyMap<string, number>,
): AlignedCounts {
  const labels = [...new Set([...reference.keys(), ...current.keys()])].sort();
  return {
    labels,
    reference: labels.map((label) => reference.get(label) ?? 0),
    current: labels.map((label) => current.get(label) ?? 0),
  };
}
