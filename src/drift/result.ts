// Construction of per-feature results: the verdict, the score and the non-ok statuses.

import { isPValueMethod } from './methods.js';
import type { DriftMethod, FeatureDriftResult, FeatureKind, FeatureStatus } from './types.js';

/** Fields known before any statistic is computed. */
export interface ResultBase {
  name: string;
  kind: FeatureKind;
  reference_count: number;
  current_count: number;
  missing_count: number;
}

export interface ComputedStatistic {
  statistic: number;
  /** null for distance methods. */
  p_value: number | null;
  approximate?: boolean;
  note?: string;
}

/** Builds a result with a status other than ok: no verdict, no score except 0 for constant. */
export function statusResult(
  base: ResultBase,
  status: Exclude<FeatureStatus, 'ok'>,
  method: DriftMethod | null,
  threshold: number | null,
  note: string,
): FeatureDriftResult {
  const constant = status === 'constant';
  const pValue = constant && method !== null && isPValueMethod(method) ? 1 : null;
  return {
    ...base,
    method,
    statistic: constant ? 0 : null,
    p_value: pValue,
    threshold,
    drifted: false,
    status,
    score: constant ? 0 : null,
    note,
  };
}

/**
 * Builds the ok result, or an insufficient one when the statistic or p-value is not finite
 * (for example when values near ±1e308 overflow a difference).
 */
export function verdictResult(
  base: ResultBase,
  method: DriftMethod,
  threshold: number,
  computed: ComputedStatistic,
): FeatureDriftResult {
  const { statistic, p_value: pValue } = computed;
  const finite = Number.isFinite(statistic) && (pValue === null || Number.isFinite(pValue));
  if (!finite) {
    return statusResult(
      base,
      'insufficient',
      method,
      threshold,
      `The ${method} statistic is not a finite number (float64 overflow); rescale the values.`,
    );
  }

  const drifted = pValue === null ? statistic > threshold : pValue < threshold;
  const result: FeatureDriftResult = {
    ...base,
    method,
    statistic,
    p_value: pValue,
    threshold,
    drifted,
    status: 'ok',
    score: pValue === null ? statistic : 1 - pValue,
  };
  if (computed.approximate === true) result.approximate = true;
  if (computed.note !== undefined) result.note = computed.note;
  return result;
}
