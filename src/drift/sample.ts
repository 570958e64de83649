// Column extraction: missing values out, numbers sorted once, categories counted.

import { DriftInputError } from './errors.js';
import type { CellValue, Column, FeatureKind } from './types.js';

export interface NumericalSample {
  /** Finite values, ascending. */
  sorted: Float64Array;
  missing_count: number;
}

export interface CategoricalSample {
  /** Category to count, in first-seen order. */
  counts: Map<string, number>;
  n: number;
  missing_count: number;
}

/** Tells whether a cell is missing: null, undefined, NaN or ±Infinity. */
export function isMissing(value: CellValue): boolean {
  if (value === null || value === undefined) return true;
  return typeof value === 'number' && !Number.isFinite(value);
}

/** Copies values into a new Float64Array sorted ascending (numeric order, not string order). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  const copy = Float64Array.from(values);
  copy.sort();
  return copy;
}

/** Infers numerical when every non-missing value of both columns is a number, categorical otherwise. */
export function inferKind(reference: Column, current: Column | undefined): FeatureKind {
  for (const column of [reference, current]) {
    if (column === undefined || column instanceof Float64Array) continue;
    for (const value of column) {
      if (!isMissing(value) && typeof value !== 'number') return 'categorical';
    }
  }
  return 'numerical';
}

/** Extracts the finite values of a numerical column, sorted ascending. */
export function extractNumerical(feature: string, column: Column): NumericalSample {
  const values = new Float64Array(column.length);
  let count = 0;
  let missing = 0;

  for (let i = 0; i < column.length; i++) {
    const value = column[i];
    if (isMissing(value)) {
      missing++;
      continue;
    }
    if (typeof value !== 'number') {
      throw new DriftInputError(
        feature,
        `Feature "${feature}" is numerical but row ${i} contains ${JSON.stringify(value)}; ` +
          `send numbers or null, or set kind "categorical" for this feature.`,
      );
    }
    values[count++] = value;
  }

  const sorted = values.subarray(0, count);
  sorted.sort();
  return { sorted, missing_count: missing };
}

/** Turns a cell into its category label: strings as they are, booleans and numbers through String(). */
export function categoryLabel(value: string | number | boolean): string {
  return typeof value === 'string' ? value : String(value);
}

/** Counts the categories of a column, leaving missing values out. */
export function extractCategorical(column: Column): CategoricalSample {
  const counts = new Map<string, number>();
  let n = 0;
  let missing = 0;

  for (let i = 0; i < column.length; i++) {
    const value = column[i];
    if (value === null || value === undefined || isMissing(value)) {
      missing++;
      continue;
    }
    const label = categoryLabel(value);
    counts.set(label, (counts.get(label) ?? 0) + 1);
    n++;
  }

  return { counts, n, missing_count: missing };
}

/** Computes the mean and population standard deviation (ddof 0), as numpy.mean and numpy.std. */
export function meanAndStd(values: Float64Array): { mean: number; std: number } {
  const n = values.length;

  // Neumaier-compensated sums keep the mean accurate at 1e12 magnitudes.
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < n; i++) {
    const value = values[i]!;
    const total = sum + value;
    compensation += Math.abs(sum) >= Math.abs(value) ? sum - total + value : value - total + sum;
    sum = total;
  }
  const mean = (sum + compensation) / n;

  let squares = 0;
  for (let i = 0; i < n; i++) {
    const deviation = values[i]! - mean;
    squares += deviation * deviation;
  }
  return { mean, std: Math.sqrt(squares / n) };
}

/** Counts the distinct values of two ascending samples together, stopping once the count exceeds `limit`. */
export function countDistinctSorted(a: Float64Array, b: Float64Array, limit: number): number {
  let i = 0;
  let j = 0;
  let distinct = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? a[i]! : Infinity;
    const y = j < b.length ? b[j]! : Infinity;
    const value = x <= y ? x : y;
    while (i < a.length && a[i] === value) i++;
    while (j < b.length && b[j] === value) j++;
    distinct++;
    if (distinct > limit) break;
  }
  return distinct;
}
