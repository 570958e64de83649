// Method rules: which methods fit which feature, the default choice (Evidently's rules) and thresholds.

import { DEFAULT_BINS, MAX_BINS } from './bins.js';
import { DriftInputError } from './errors.js';
import type { DriftMethod, FeatureKind, FeatureOptions, PValueMethod } from './types.js';

export const DRIFT_METHODS: readonly DriftMethod[] = ['ks', 'wasserstein', 'psi', 'jensenshannon', 'chisquare', 'z'];

/** Reference sizes up to this use statistical tests by default; larger ones use distances. */
export const SMALL_REFERENCE_MAX_COUNT = 1000;
/** Numerical features with at most this many distinct values (reference and current together) are treated as discrete. */
export const FEW_VALUES_MAX = 5;
export const DEFAULT_P_VALUE_THRESHOLD = 0.05;
export const DEFAULT_DISTANCE_THRESHOLD = 0.1;
/** Each sample needs at least this many non-missing values, or the feature gets status insufficient. */
export const MIN_SAMPLE_SIZE = 2;

const P_VALUE_METHODS: ReadonlySet<DriftMethod> = new Set<DriftMethod>(['ks', 'chisquare', 'z']);
const BINNED_METHODS: ReadonlySet<DriftMethod> = new Set<DriftMethod>(['psi', 'jensenshannon', 'chisquare']);
const NUMERICAL_ONLY_METHODS: ReadonlySet<DriftMethod> = new Set<DriftMethod>(['ks', 'wasserstein']);

export function isPValueMethod(method: DriftMethod): method is PValueMethod {
  return P_VALUE_METHODS.has(method);
}

/** Tells whether a method uses the quantile bins on a numerical feature. */
export function usesBins(method: DriftMethod): boolean {
  return BINNED_METHODS.has(method);
}

export function defaultThreshold(method: DriftMethod): number {
  return isPValueMethod(method) ? DEFAULT_P_VALUE_THRESHOLD : DEFAULT_DISTANCE_THRESHOLD;
}

/**
 * Chooses the default method. distinctCount is the number of distinct values in reference and current
 * together, counted up to FEW_VALUES_MAX + 1.
 */
export function defaultMethod(kind: FeatureKind, referenceCount: number, distinctCount: number): DriftMethod {
  const manyValued = kind === 'numerical' && distinctCount > FEW_VALUES_MAX;
  if (referenceCount > SMALL_REFERENCE_MAX_COUNT) {
    return manyValued ? 'wasserstein' : 'jensenshannon';
  }
  if (manyValued) return 'ks';
  return distinctCount > 2 ? 'chisquare' : 'z';
}

/** Checks the options that do not depend on the data, and returns the number of bins to use. */
export function validateFeatureOptions(feature: string, kind: FeatureKind, options: FeatureOptions): number {
  const { method, threshold, bins } = options;

  if (method !== undefined && !DRIFT_METHODS.includes(method)) {
    throw new DriftInputError(
      feature,
      `Feature "${feature}" has unknown method ${JSON.stringify(method)}; use one of ${DRIFT_METHODS.join(', ')}.`,
    );
  }
  if (options.kind !== undefined && options.kind !== 'numerical' && options.kind !== 'categorical') {
    throw new DriftInputError(
      feature,
      `Feature "${feature}" has unknown kind ${JSON.stringify(options.kind)}; use "numerical" or "categorical".`,
    );
  }
  if (method !== undefined && kind === 'categorical' && NUMERICAL_ONLY_METHODS.has(method)) {
    throw new DriftInputError(
      feature,
      `Feature "${feature}" is categorical, but method "${method}" needs numbers; ` +
        `use chisquare, jensenshannon, psi or z (two categories) instead.`,
    );
  }
  if (threshold !== undefined && !(Number.isFinite(threshold) && threshold >= 0)) {
    throw new DriftInputError(
      feature,
      `Feature "${feature}" has invalid threshold ${String(threshold)}; use a finite number of at least 0.`,
    );
  }
  if (method !== undefined && threshold !== undefined) {
    validateThreshold(feature, method, threshold);
  }

  if (bins === undefined) return DEFAULT_BINS;
  if (!(Number.isInteger(bins) && bins >= 2 && bins <= MAX_BINS)) {
    throw new DriftInputError(
      feature,
      `Feature "${feature}" has invalid bins ${String(bins)}; use an integer from 2 to ${MAX_BINS}.`,
    );
  }
  if (kind === 'categorical') {
    throw new DriftInputError(
      feature,
      `Feature "${feature}" is categorical, so bins does not apply: its categories are the bins. Remove bins.`,
    );
  }
  if (method !== undefined && !usesBins(method)) {
    throw new DriftInputError(
      feature,
      `Feature "${feature}" uses method "${method}", which does not bin; ` +
        `remove bins or use psi, jensenshannon or chisquare.`,
    );
  }
  return bins;
}

/** Checks that a threshold fits the method: p-value thresholds lie strictly between 0 and 1. */
export function validateThreshold(feature: string, method: DriftMethod, threshold: number): void {
  if (isPValueMethod(method) && !(threshold > 0 && threshold < 1)) {
    throw new DriftInputError(
      feature,
      `Feature "${feature}" uses p-value method "${method}" with threshold ${threshold}; ` +
        `use a significance level between 0 and 1, such as 0.05.`,
    );
  }
}

/** Rejects the Z-test on a feature with more than two distinct values. */
export function validateTwoValued(feature: string, method: DriftMethod, distinctCount: number): void {
  if (method === 'z' && distinctCount > 2) {
    throw new DriftInputError(
      feature,
      `Feature "${feature}" has more than two distinct values, but the Z-test compares the share of one of ` +
        `two values; use chisquare instead.`,
    );
  }
}
