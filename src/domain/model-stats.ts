// Cross-field rules for a model version's statistics that JSON Schema cannot state. No I/O.

export interface StatsInput {
  feature_names: string[];
  coefficients: number[];
  feature_means: number[];
  coefficient_variance: number[];
}

/**
 * Returns a sentence naming the first broken rule under `location` (e.g. `body/version/stats`), or
 * undefined when the statistics are consistent: one entry per feature in each array, distinct
 * non-blank names, finite numbers and non-negative variances.
 */
export function findStatsProblem(stats: StatsInput, location: string): string | undefined {
  const features = stats.feature_names.length;
  for (const field of ['coefficients', 'feature_means', 'coefficient_variance'] as const) {
    if (stats[field].length !== features) {
      return `${location}/${field} has ${stats[field].length} entries but feature_names has ${features}; send one entry per feature.`;
    }
  }

  const seen = new Map<string, number>();
  for (const [index, name] of stats.feature_names.entries()) {
    if (name.trim() === '') return `${location}/feature_names/${index} is blank; name every feature.`;
    const earlier = seen.get(name);
    if (earlier !== undefined) return `${location}/feature_names/${index} repeats "${name}" from index ${earlier}; feature names must be distinct.`;
    seen.set(name, index);
  }

  for (const field of ['coefficients', 'feature_means', 'coefficient_variance'] as const) {
    const index = stats[field].findIndex((value) => !Number.isFinite(value));
    if (index >= 0) return `${location}/${field}/${index} is not a finite number; send a finite number.`;
  }
  const negative = stats.coefficient_variance.findIndex((value) => value < 0);
  if (negative >= 0) return `${location}/coefficient_variance/${negative} is ${stats.coefficient_variance[negative]}; a variance cannot be negative.`;
  return undefined;
}
