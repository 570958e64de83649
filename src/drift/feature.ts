// Drift analysis of one feature from raw reference and current values.

import { countBinsSorted, quantileBinEdges } from './bins.js';
import { alignCategoryCounts, isCountMethod, runCountMethod } from './count-statistics.js';
import { ksTwoSampleSorted } from './ks.js';
import {
  defaultMethod,
  defaultThreshold,
  FEW_VALUES_MAX,
  MIN_SAMPLE_SIZE,
  validateFeatureOptions,
  validateThreshold,
  validateTwoValued,
} from './methods.js';
import { statusResult, verdictResult, type ComputedStatistic, type ResultBase } from './result.js';
import {
  countDistinctSorted,
  extractCategorical,
  extractNumerical,
  inferKind,
  meanAndStd,
  type CategoricalSample,
} from './sample.js';
import type { Column, DriftMethod, FeatureDriftResult, FeatureKind, FeatureOptions } from './types.js';
import { normWasserstein, wassersteinDistanceSorted } from './wasserstein.js';

const NOTE_EMPTY = 'No non-missing values in the reference or the current sample.';
const NOTE_CONSTANT = 'Reference and current contain one and the same value, so there is no drift.';
const NOTE_INSUFFICIENT = `Fewer than ${MIN_SAMPLE_SIZE} non-missing values in the reference or the current sample.`;
const NOTE_MISSING = 'The feature is in the reference but absent from the current dataset.';

/**
 * Analyses one feature. `current` is undefined when the current dataset lacks the column.
 * Throws DriftInputError when the options cannot apply to the feature.
 */
export function analyzeFeature(
  name: string,
  reference: Column,
  current: Column | undefined,
  options: FeatureOptions = {},
): FeatureDriftResult {
  const kind: FeatureKind = options.kind ?? inferKind(reference, current);
  const bins = validateFeatureOptions(name, kind, options);

  if (kind === 'numerical') {
    return analyzeNumerical(name, reference, current, options, bins);
  }
  return analyzeCategorical(name, reference, current, options);
}

// Picks the method and threshold once the data are known, and checks the data-dependent rules.
function chooseMethod(
  name: string,
  kind: FeatureKind,
  options: FeatureOptions,
  referenceCount: number,
  distinctCount: number,
): { method: DriftMethod; threshold: number } {
  const method = options.method ?? defaultMethod(kind, referenceCount, distinctCount);
  validateTwoValued(name, method, distinctCount);

  const threshold = options.threshold ?? defaultThreshold(method);
  validateThreshold(name, method, threshold);
  return { method, threshold };
}

function analyzeNumerical(
  name: string,
  referenceColumn: Column,
  currentColumn: Column | undefined,
  options: FeatureOptions,
  bins: number,
): FeatureDriftResult {
  const reference = extractNumerical(name, referenceColumn);
  const current = currentColumn === undefined ? undefined : extractNumerical(name, currentColumn);
  const base: ResultBase = {
    name,
    kind: 'numerical',
    reference_count: reference.sorted.length,
    current_count: current?.sorted.length ?? 0,
    missing_count: reference.missing_count + (current?.missing_count ?? 0),
  };

  if (current === undefined) {
    return statusResult(base, 'missing_in_current', options.method ?? null, options.threshold ?? null, NOTE_MISSING);
  }
  if (reference.sorted.length === 0 || current.sorted.length === 0) {
    return statusResult(base, 'empty', options.method ?? null, options.threshold ?? null, NOTE_EMPTY);
  }

  const distinctCount = countDistinctSorted(reference.sorted, current.sorted, FEW_VALUES_MAX);
  const { method, threshold } = chooseMethod(name, 'numerical', options, reference.sorted.length, distinctCount);

  if (distinctCount === 1) {
    return statusResult(base, 'constant', method, threshold, NOTE_CONSTANT);
  }
  if (reference.sorted.length < MIN_SAMPLE_SIZE || current.sorted.length < MIN_SAMPLE_SIZE) {
    return statusResult(base, 'insufficient', method, threshold, NOTE_INSUFFICIENT);
  }

  // Few-valued features compare values as categories unless bins were asked for explicitly.
  const discrete = distinctCount <= FEW_VALUES_MAX && options.bins === undefined;
  const computed = computeNumerical(method, reference.sorted, current.sorted, bins, discrete);
  return verdictResult(base, method, threshold, computed);
}

function computeNumerical(
  method: DriftMethod,
  reference: Float64Array,
  current: Float64Array,
  bins: number,
  discrete: boolean,
): ComputedStatistic {
  if (method === 'ks') {
    const { statistic, p_value } = ksTwoSampleSorted(reference, current);
    return { statistic, p_value };
  }
  if (method === 'wasserstein') {
    const distance = wassersteinDistanceSorted(reference, current);
    return { statistic: normWasserstein(distance, meanAndStd(reference).std), p_value: null };
  }
  if (!isCountMethod(method)) {
    throw new Error(`unhandled drift method ${method}`);
  }

  if (discrete || method === 'z') {
    const aligned = alignDistinctValues(reference, current);
    return runCountMethod(method, aligned.reference, aligned.current);
  }
  const edges = quantileBinEdges(reference, bins);
  return runCountMethod(method, countBinsSorted(reference, edges), countBinsSorted(current, edges));
}

// Counts each distinct value of two ascending samples, aligned in ascending value order.
function alignDistinctValues(reference: Float64Array, current: Float64Array): { reference: number[]; current: number[] } {
  const referenceCounts: number[] = [];
  const currentCounts: number[] = [];
  let i = 0;
  let j = 0;
  while (i < reference.length || j < current.length) {
    const a = i < reference.length ? reference[i]! : Infinity;
    const b = j < current.length ? current[j]! : Infinity;
    const value = a <= b ? a : b;

    const startI = i;
    const startJ = j;
    while (i < reference.length && reference[i] === value) i++;
    while (j < current.length && current[j] === value) j++;
    referenceCounts.push(i - startI);
    currentCounts.push(j - startJ);
  }
  return { reference: referenceCounts, current: currentCounts };
}

function analyzeCategorical(
  name: string,
  referenceColumn: Column,
  currentColumn: Column | undefined,
  options: FeatureOptions,
): FeatureDriftResult {
  const reference = extractCategorical(referenceColumn);
  const current = currentColumn === undefined ? undefined : extractCategorical(currentColumn);
  return analyzeCategoryCounts(name, reference, current, options);
}

/** Analyses a categorical feature from category counts; shared with the counts path. */
export function analyzeCategoryCounts(
  name: string,
  reference: CategoricalSample,
  current: CategoricalSample | undefined,
  options: FeatureOptions,
): FeatureDriftResult {
  const base: ResultBase = {
    name,
    kind: 'categorical',
    reference_count: reference.n,
    current_count: current?.n ?? 0,
    missing_count: reference.missing_count + (current?.missing_count ?? 0),
  };

  if (current === undefined) {
    return statusResult(base, 'missing_in_current', options.method ?? null, options.threshold ?? null, NOTE_MISSING);
  }
  if (reference.n === 0 || current.n === 0) {
    return statusResult(base, 'empty', options.method ?? null, options.threshold ?? null, NOTE_EMPTY);
  }

  const aligned = alignCategoryCounts(reference.counts, current.counts);
  const distinctCount = aligned.labels.length;
  const { method, threshold } = chooseMethod(name, 'categorical', options, reference.n, distinctCount);

  if (distinctCount === 1) {
    return statusResult(base, 'constant', method, threshold, NOTE_CONSTANT);
  }
  if (reference.n < MIN_SAMPLE_SIZE || current.n < MIN_SAMPLE_SIZE) {
    return statusResult(base, 'insufficient', method, threshold, NOTE_INSUFFICIENT);
  }
  if (!isCountMethod(method)) {
    throw new Error(`method ${method} reached the categorical path; validateFeatureOptions should reject it`);
  }

  const computed = runCountMethod(method, aligned.reference, aligned.current);
  return verdictResult(base, method, threshold, computed);
}
