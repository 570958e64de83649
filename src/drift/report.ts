// Dataset drift: per-feature results combined into a weighted share of drifted features.

import { DriftInputError } from './errors.js';
import { analyzeFeature } from './feature.js';
import type { Dataset, DatasetDriftReport, FeatureDriftResult, ReportOptions } from './types.js';

export const DEFAULT_DRIFT_SHARE = 0.5;

/** Checks report-level options and returns the feature names to analyse. */
export function validateReportOptions(available: readonly string[], options: ReportOptions): string[] {
  const known = new Set(available);
  const features = options.features === undefined ? [...available] : [...options.features];

  for (const feature of features) {
    if (!known.has(feature)) {
      throw new DriftInputError(
        feature,
        `Feature "${feature}" is not in the reference; list only reference features or leave features out.`,
      );
    }
  }
  for (const feature of Object.keys(options.feature_options ?? {})) {
    if (!known.has(feature)) {
      throw new DriftInputError(
        feature,
        `feature_options names "${feature}", which is not in the reference; check the spelling or remove the entry.`,
      );
    }
  }
  for (const [feature, weight] of Object.entries(options.weights ?? {})) {
    if (!known.has(feature)) {
      throw new DriftInputError(
        feature,
        `weights names "${feature}", which is not in the reference; check the spelling or remove the entry.`,
      );
    }
    if (!(Number.isFinite(weight) && weight >= 0)) {
      throw new DriftInputError(
        feature,
        `Feature "${feature}" has invalid weight ${String(weight)}; use a finite number of at least 0.`,
      );
    }
  }

  const share = options.drift_share;
  if (share !== undefined && !(Number.isFinite(share) && share >= 0 && share <= 1)) {
    throw new DriftInputError(null, `drift_share ${String(share)} is invalid; use a number from 0 to 1, such as 0.5.`);
  }
  return features;
}

/**
 * Combines per-feature results. Features with status ok or constant are evaluated (constant counts as
 * not drifted); empty, insufficient and missing_in_current features are left out of the drift score.
 */
export function summarizeDrift(results: FeatureDriftResult[], options: ReportOptions): DatasetDriftReport {
  const driftShare = options.drift_share ?? DEFAULT_DRIFT_SHARE;
  const weights = options.weights ?? {};

  let totalWeight = 0;
  let driftedWeight = 0;
  let evaluated = 0;
  let drifted = 0;
  const details: Record<string, number | null> = {};

  for (const result of results) {
    details[result.name] = result.score;
    if (result.status !== 'ok' && result.status !== 'constant') continue;

    const weight = weights[result.name] ?? 1;
    evaluated++;
    totalWeight += weight;
    if (result.drifted) {
      drifted++;
      driftedWeight += weight;
    }
  }

  const driftScore = totalWeight > 0 ? driftedWeight / totalWeight : null;
  return {
    features: results,
    details,
    drift_score: driftScore,
    drift_share: driftShare,
    drift_detected: driftScore !== null && driftScore >= driftShare,
    number_of_features: results.length,
    number_of_evaluated_features: evaluated,
    number_of_drifted_features: drifted,
  };
}

/**
 * Runs drift analysis on every reference feature (or options.features) and combines the results.
 * Throws DriftInputError for options that cannot apply; data problems become per-feature statuses.
 */
export function driftReport(reference: Dataset, current: Dataset, options: ReportOptions = {}): DatasetDriftReport {
  const features = validateReportOptions(Object.keys(reference), options);

  const results = features.map((feature) =>
    analyzeFeature(
      feature,
      reference[feature]!,
      Object.hasOwn(current, feature) ? current[feature] : undefined,
      options.feature_options?.[feature] ?? {},
    ),
  );
  return summarizeDrift(results, options);
}
