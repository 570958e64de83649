// Two-proportion Z-test with pooled proportion, two-sided.

import { normalTwoSidedP } from './distributions.js';

export interface ZTestResult {
  /** z = (p_ref − p_cur) / sqrt(P (1 − P) (1/n_ref + 1/n_cur)), P the pooled proportion. */
  statistic: number;
  p_value: number;
}

/**
 * Tests whether one value has the same share in reference and current. When the pooled
 * proportion is 0 or 1 the samples cannot differ, so the result is z = 0 and p = 1.
 */
export function twoProportionZTest(
  referenceSuccesses: number,
  referenceCount: number,
  currentSuccesses: number,
  currentCount: number,
): ZTestResult {
  const referenceShare = referenceSuccesses / referenceCount;
  const currentShare = currentSuccesses / currentCount;
  const pooled = (referenceSuccesses + currentSuccesses) / (referenceCount + currentCount);

  const variance = pooled * (1 - pooled) * (1 / referenceCount + 1 / currentCount);
  if (!(variance > 0)) {
    return { statistic: 0, p_value: 1 };
  }

  const statistic = (referenceShare - currentShare) / Math.sqrt(variance);
  return { statistic, p_value: normalTwoSidedP(statistic) };
}
