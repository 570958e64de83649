// Privacy path: the reference is reduced to a profile (bin edges, counts, vocabulary), a client counts its
// current data into the same bins, and drift is computed from the two sets of counts without raw values.

import { binRepresentativePoints, countBinsSorted, quantileBinEdges } from './bins.js';
import { isCountMethod, runCountMethod } from './count-statistics.js';
import { DriftInputError } from './errors.js';
import { analyzeCategoryCounts } from './feature.js';
import {
  defaultThreshold,
  MIN_SAMPLE_SIZE,
  SMALL_REFERENCE_MAX_COUNT,
  validateFeatureOptions,
  validateThreshold,
  validateTwoValued,
} from './methods.js';
import { validateReportOptions, summarizeDrift } from './report.js';
import { statusResult, verdictResult, type ComputedStatistic, type ResultBase } from './result.js';
import { extractCategorical, extractNumerical, inferKind, meanAndStd, type CategoricalSample } from './sample.js';
import type {
  CategoricalFeatureCounts,
  CategoricalFeatureProfile,
  CurrentCounts,
  Dataset,
  DatasetDriftReport,
  DriftMethod,
  DriftProfile,
  FeatureCounts,
  FeatureDriftResult,
  FeatureOptions,
  FeatureProfile,
  NumericalFeatureCounts,
  NumericalFeatureProfile,
  ProfileOptions,
  ReportOptions,
} from './types.js';
import { normWasserstein, wassersteinDistanceWeighted } from './wasserstein.js';

const NOTE_BINNED_WASSERSTEIN =
  "Estimated from the profile's bins: each bin's mass sits at the midpoint of its edges, " +
  'and the two outer bins sit at their finite edge.';

/** Builds the reference profile: per numerical feature quantile bins and counts, per categorical feature the vocabulary. */
export function buildProfile(reference: Dataset, options: ProfileOptions = {}): DriftProfile {
  const featureNames = validateReportOptions(Object.keys(reference), {
    features: options.features,
    feature_options: options.feature_options,
  });

  const features: Record<string, FeatureProfile> = {};
  for (const name of featureNames) {
    const column = reference[name]!;
    const ownOptions = options.feature_options?.[name] ?? {};
    const kind = ownOptions.kind ?? inferKind(column, undefined);

    // The profile-wide bins default applies to numerical features only; a feature's own bins is always checked.
    const featureOptions = kind === 'numerical' ? { bins: options.bins, ...ownOptions } : ownOptions;
    const bins = validateFeatureOptions(name, kind, featureOptions);

    features[name] = kind === 'numerical' ? profileNumerical(name, column, bins) : profileCategorical(column);
  }
  return { version: 1, features };
}

function profileNumerical(name: string, column: Dataset[string], bins: number): NumericalFeatureProfile {
  const { sorted, missing_count } = extractNumerical(name, column);
  const edges = quantileBinEdges(sorted, bins);
  const stats = sorted.length > 0 ? meanAndStd(sorted) : null;
  return {
    kind: 'numerical',
    edges,
    counts: countBinsSorted(sorted, edges),
    n: sorted.length,
    mean: stats?.mean ?? null,
    std: stats?.std ?? null,
    missing_count,
  };
}

function profileCategorical(column: Dataset[string]): CategoricalFeatureProfile {
  const { counts, n, missing_count } = extractCategorical(column);
  const labels = [...counts.keys()].sort();
  return {
    kind: 'categorical',
    categories: Object.fromEntries(labels.map((label) => [label, counts.get(label)!])),
    n,
    missing_count,
  };
}

/** Counts current data into the profile's bins and vocabulary: the client side of the privacy path. */
export function countCurrent(profile: DriftProfile, current: Dataset): CurrentCounts {
  const features: Record<string, FeatureCounts> = {};
  for (const [name, featureProfile] of Object.entries(profile.features)) {
    if (!Object.hasOwn(current, name)) continue;
    const column = current[name]!;

    if (featureProfile.kind === 'numerical') {
      const { sorted, missing_count } = extractNumerical(name, column);
      const stats = sorted.length > 0 ? meanAndStd(sorted) : null;
      features[name] = {
        kind: 'numerical',
        counts: countBinsSorted(sorted, featureProfile.edges),
        n: sorted.length,
        mean: stats?.mean ?? null,
        std: stats?.std ?? null,
        missing_count,
      };
    } else {
      const { counts, missing_count } = extractCategorical(column);
      features[name] = { kind: 'categorical', categories: Object.fromEntries(counts), missing_count };
    }
  }
  return { features };
}

/** Runs a whole dataset drift report from a reference profile and the client's current counts. */
export function driftReportFromCounts(
  profile: DriftProfile,
  counts: CurrentCounts,
  options: ReportOptions = {},
): DatasetDriftReport {
  const featureNames = validateReportOptions(Object.keys(profile.features), options);

  const results = featureNames.map((name) =>
    analyzeFeatureCounts(
      name,
      profile.features[name]!,
      Object.hasOwn(counts.features, name) ? counts.features[name] : undefined,
      options.feature_options?.[name] ?? {},
    ),
  );
  return summarizeDrift(results, options);
}

/** Analyses one feature from its profile and the current counts; undefined counts mean the feature is absent. */
export function analyzeFeatureCounts(
  name: string,
  profile: FeatureProfile,
  counts: FeatureCounts | undefined,
  options: FeatureOptions = {},
): FeatureDriftResult {
  validateProfileFeature(name, profile);
  validateCountsOptions(name, profile, options);

  if (profile.kind === 'categorical') {
    const reference = categoricalSampleFromCounts(name, profile.categories, profile.missing_count);
    const current = counts === undefined ? undefined : currentCategoricalSample(name, counts);
    return analyzeCategoryCounts(name, reference, current, options);
  }

  const current = counts === undefined ? undefined : validateNumericalCounts(name, profile, counts);
  return analyzeNumericalCounts(name, profile, current, options);
}

// A profile may come back from storage or a client, so its shape is checked before use.
function validateProfileFeature(name: string, profile: FeatureProfile): void {
  if (profile.kind === 'categorical') return;

  const ascending = profile.edges.every(
    (edge, i) => Number.isFinite(edge) && (i === 0 || edge > profile.edges[i - 1]!),
  );
  if (!ascending || profile.counts.length !== profile.edges.length + 1) {
    throw new DriftInputError(
      name,
      `Feature "${name}" has an invalid profile: edges must be finite and strictly ascending, with one more ` +
        `count than edges; rebuild the profile with buildProfile.`,
    );
  }
  const total = profile.counts.reduce((sum, count, bin) => sum + validateCount(name, `profile bin ${bin}`, count), 0);
  if (total !== profile.n) {
    throw new DriftInputError(
      name,
      `Feature "${name}" has an invalid profile: n = ${profile.n} but the bin counts sum to ${total}; rebuild the profile.`,
    );
  }
}

function validateCountsOptions(name: string, profile: FeatureProfile, options: FeatureOptions): void {
  if (options.kind !== undefined && options.kind !== profile.kind) {
    throw new DriftInputError(
      name,
      `Feature "${name}" is ${profile.kind} in the profile, so kind "${options.kind}" cannot apply; ` +
        `remove kind or rebuild the profile with it.`,
    );
  }
  if (options.bins !== undefined) {
    throw new DriftInputError(
      name,
      `Feature "${name}" has its bins fixed by the profile; remove bins or rebuild the profile with bins ${options.bins}.`,
    );
  }
  if (options.method === 'ks') {
    throw new DriftInputError(
      name,
      `Feature "${name}": the KS test needs raw values and is not offered on counts; ` +
        `use chisquare (a p-value test on the profile's bins) or wasserstein (estimated from bins).`,
    );
  }
  validateFeatureOptions(name, profile.kind, options);
}

function validateCount(name: string, label: string, count: unknown): number {
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    throw new DriftInputError(
      name,
      `Feature "${name}" has invalid count ${JSON.stringify(count)} for ${label}; use a non-negative integer.`,
    );
  }
  return count;
}

function categoricalSampleFromCounts(
  name: string,
  categories: Record<string, number>,
  missingCount: number | undefined,
): CategoricalSample {
  const counts = new Map<string, number>();
  let n = 0;
  for (const [label, value] of Object.entries(categories)) {
    const count = validateCount(name, `category ${JSON.stringify(label)}`, value);
    if (count === 0) continue;
    counts.set(label, count);
    n += count;
  }
  const missing = missingCount === undefined ? 0 : validateCount(name, 'missing_count', missingCount);
  return { counts, n, missing_count: missing };
}

function currentCategoricalSample(name: string, counts: FeatureCounts): CategoricalSample {
  if (counts.kind !== 'categorical') {
    throw new DriftInputError(
      name,
      `Feature "${name}" is categorical in the profile, but its counts have kind ${JSON.stringify(counts.kind)}; ` +
        `send { kind: "categorical", categories: { label: count } }.`,
    );
  }
  const categorical: CategoricalFeatureCounts = counts;
  return categoricalSampleFromCounts(name, categorical.categories, categorical.missing_count);
}

function validateNumericalCounts(
  name: string,
  profile: NumericalFeatureProfile,
  counts: FeatureCounts,
): NumericalFeatureCounts {
  if (counts.kind !== 'numerical') {
    throw new DriftInputError(
      name,
      `Feature "${name}" is numerical in the profile, but its counts have kind ${JSON.stringify(counts.kind)}; ` +
        `send { kind: "numerical", counts: [...] } with one count per profile bin.`,
    );
  }
  const expectedLength = profile.edges.length + 1;
  if (!Array.isArray(counts.counts) || counts.counts.length !== expectedLength) {
    throw new DriftInputError(
      name,
      `Feature "${name}" has ${Array.isArray(counts.counts) ? counts.counts.length : 'no'} bin counts, but the ` +
        `profile has ${expectedLength} bins; count the data into the profile's edges.`,
    );
  }

  let total = 0;
  counts.counts.forEach((count, bin) => {
    total += validateCount(name, `bin ${bin}`, count);
  });
  if (counts.n !== undefined && counts.n !== total) {
    throw new DriftInputError(
      name,
      `Feature "${name}" reports n = ${String(counts.n)}, but its bin counts sum to ${total}; send matching values.`,
    );
  }
  if (counts.missing_count !== undefined) validateCount(name, 'missing_count', counts.missing_count);
  return counts;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function analyzeNumericalCounts(
  name: string,
  profile: NumericalFeatureProfile,
  current: NumericalFeatureCounts | undefined,
  options: FeatureOptions,
): FeatureDriftResult {
  const currentN = current === undefined ? 0 : sum(current.counts);
  const base: ResultBase = {
    name,
    kind: 'numerical',
    reference_count: profile.n,
    current_count: currentN,
    missing_count: profile.missing_count + (current?.missing_count ?? 0),
  };

  if (current === undefined) {
    return statusResult(base, 'missing_in_current', options.method ?? null, options.threshold ?? null,
      'The feature is in the profile but absent from the current counts.');
  }
  if (profile.n === 0 || currentN === 0) {
    return statusResult(base, 'empty', options.method ?? null, options.threshold ?? null,
      'No non-missing values in the reference or the current sample.');
  }

  const occupiedBins = profile.counts.filter((count, bin) => count + current.counts[bin]! > 0).length;
  const method: DriftMethod = options.method ?? (profile.n > SMALL_REFERENCE_MAX_COUNT ? 'wasserstein' : 'chisquare');
  validateTwoValued(name, method, occupiedBins);
  const threshold = options.threshold ?? defaultThreshold(method);
  validateThreshold(name, method, threshold);

  // Constancy needs the summary statistics: two equal means with zero spread.
  const constant = profile.std === 0 && current.std === 0 && profile.mean === current.mean;
  if (constant) {
    return statusResult(base, 'constant', method, threshold,
      'Reference and current contain one and the same value, so there is no drift.');
  }
  if (profile.n < MIN_SAMPLE_SIZE || currentN < MIN_SAMPLE_SIZE) {
    return statusResult(base, 'insufficient', method, threshold,
      `Fewer than ${MIN_SAMPLE_SIZE} non-missing values in the reference or the current sample.`);
  }

  return verdictResult(base, method, threshold, computeFromBins(method, profile, current.counts));
}

function computeFromBins(
  method: DriftMethod,
  profile: NumericalFeatureProfile,
  currentCounts: readonly number[],
): ComputedStatistic {
  if (method === 'wasserstein') {
    const points = binRepresentativePoints(profile.edges);
    const distance = wassersteinDistanceWeighted(points, profile.counts, currentCounts);
    return {
      statistic: normWasserstein(distance, profile.std ?? 0),
      p_value: null,
      approximate: true,
      note: NOTE_BINNED_WASSERSTEIN,
    };
  }
  if (!isCountMethod(method)) {
    throw new Error(`method ${method} reached the counts path; validateCountsOptions should reject it`);
  }

  if (method === 'z') {
    // Only the (at most two) occupied bins take part; the lower one is the value whose share is compared.
    const occupied = profile.counts
      .map((count, bin) => [count, currentCounts[bin]!] as const)
      .filter(([reference, current]) => reference + current > 0);
    return runCountMethod(method, occupied.map(([reference]) => reference), occupied.map(([, current]) => current));
  }
  return runCountMethod(method, profile.counts, currentCounts);
}
