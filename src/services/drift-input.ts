// Checks of drift requests that the engine leaves to its callers: request shape, sizes and matching features.
import { ApiError } from '../errors.js';
import { DriftInputError, type CurrentCounts, type Dataset, type DriftProfile } from '../drift/index.js';
import { describeMismatch, isReservedFeatureName } from '../domain/drift-csv.js';
import { MAX_DRIFT_FEATURES, MAX_DRIFT_TOTAL_VALUES, MAX_DRIFT_VALUES_PER_COLUMN } from '../domain/drift-limits.js';

function invalid(detail: string): ApiError {
  return new ApiError('invalid-request', detail);
}

/** Checks one sample's size and columns and returns its number of values; JSON bodies also get these checks from the schema. */
export function checkSample(sample: Dataset, label: string): number {
  const names = Object.keys(sample);
  if (names.length === 0) throw invalid(`The ${label} sample has no features; send at least one column.`);
  if (names.length > MAX_DRIFT_FEATURES) throw invalid(`The ${label} sample has ${names.length} features, more than the limit of ${MAX_DRIFT_FEATURES}; send fewer features.`);

  let total = 0;
  for (const name of names) {
    // The engine keeps per-feature results in plain objects, where these names would read inherited properties.
    if (isReservedFeatureName(name)) throw invalid(`Feature "${name}" in the ${label} sample has a name JavaScript objects reserve; rename the feature.`);
    checkMagnitudes(sample[name]!, name, label);
    const length = sample[name]!.length;
    if (length === 0) throw invalid(`Feature "${name}" has no values in the ${label} sample; send at least one value or leave the feature out of both samples.`);
    if (length > MAX_DRIFT_VALUES_PER_COLUMN) {
      throw invalid(`Feature "${name}" has ${length} values in the ${label} sample, more than the limit of ${MAX_DRIFT_VALUES_PER_COLUMN}; send a sample of the rows.`);
    }
    total += length;
  }
  return total;
}

/** Largest magnitude a numerical value may have; beyond it, differences between values overflow to Infinity. */
export const MAX_DRIFT_MAGNITUDE = 1e300;

function checkMagnitudes(values: Dataset[string], name: string, label: string): void {
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (typeof value === 'number' && Number.isFinite(value) && Math.abs(value) > MAX_DRIFT_MAGNITUDE) {
      throw invalid(`Feature "${name}" has the value ${value} at index ${index} of the ${label} sample, beyond ±${MAX_DRIFT_MAGNITUDE}; rescale the feature (drift statistics do not depend on its unit).`);
    }
  }
}

/** Checks the number of values in one request against the total limit. */
export function checkTotalValues(total: number): void {
  if (total > MAX_DRIFT_TOTAL_VALUES) {
    throw invalid(`The request has ${total} values in all, more than the limit of ${MAX_DRIFT_TOTAL_VALUES}; send fewer rows or features.`);
  }
}

/** Checks both samples: sizes, the total number of values, and that they have the same features. */
export function checkSamplePair(reference: Dataset, current: Dataset): void {
  checkTotalValues(checkSample(reference, 'reference') + checkSample(current, 'current'));
  checkSameFeatures(Object.keys(reference), Object.keys(current), ['reference', 'current'], 'The reference and current samples have different features');
}

/** Checks that the counts cover exactly the profile's features. */
export function checkCountsMatchProfile(profile: DriftProfile, counts: CurrentCounts): void {
  checkSameFeatures(Object.keys(profile.features), Object.keys(counts.features), ['the profile', 'the counts'], 'The counts and the profile have different features');
}

function checkSameFeatures(firstNames: string[], secondNames: string[], labels: [string, string], problem: string): void {
  const first = new Set(firstNames);
  const second = new Set(secondNames);
  const onlyFirst = firstNames.filter((name) => !second.has(name));
  const onlySecond = secondNames.filter((name) => !first.has(name));
  if (onlyFirst.length > 0 || onlySecond.length > 0) {
    throw invalid(`${problem} (${describeMismatch(onlyFirst, onlySecond, labels)}); send the same features in both.`);
  }
}

/** Runs an engine call and turns its DriftInputError, whose message names the feature, into a 400. */
export function runEngine<T>(compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof DriftInputError) throw new ApiError('invalid-request', error.message, { cause: error });
    throw error;
  }
}
