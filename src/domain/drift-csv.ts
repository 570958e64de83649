// Turns CSV uploads into the column datasets the drift engine takes. A column is numerical when every
// non-empty cell, in both samples, is a finite decimal number; otherwise its cells stay strings. Empty cells are missing.
import { parse } from 'csv-parse/sync';
import { CsvError } from 'csv-parse';
import { DriftInputError, type CellValue } from '../drift/index.js';
import { MAX_DRIFT_FEATURES, MAX_DRIFT_VALUES_PER_COLUMN } from './drift-limits.js';

export interface SamplePair {
  reference: Record<string, CellValue[]>;
  current: Record<string, CellValue[]>;
}

interface CsvTable {
  header: string[];
  rows: string[][];
}

// Decimal notation only: Number() would also accept '0x1f', 'Infinity' and whitespace.
const DECIMAL_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function readTable(text: string, label: string, maxRows: number): CsvTable {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) {
      throw new DriftInputError(null, `The ${label} CSV could not be parsed: ${error.message}. Send comma-separated values with a header row and the same number of cells in every row.`);
    }
    throw error;
  }

  const [header, ...rows] = records;
  if (!header) throw new DriftInputError(null, `The ${label} CSV is empty; send a header row and at least one data row.`);
  const names = header.map((name) => name.trim());
  checkHeader(names, label);
  if (rows.length > maxRows) {
    throw new DriftInputError(null, `The ${label} CSV has ${rows.length} data rows, more than the limit of ${maxRows}; send a sample of the rows.`);
  }
  return { header: names, rows };
}

function checkHeader(names: string[], label: string): void {
  const seen = new Set<string>();
  names.forEach((name, index) => {
    if (name === '') throw new DriftInputError(null, `The ${label} CSV header has an empty name in column ${index + 1}; name every column.`);
    if (seen.has(name)) throw new DriftInputError(name, `The ${label} CSV header names "${name}" twice; give each column its own name.`);
    if (isReservedFeatureName(name)) throw new DriftInputError(name, `The ${label} CSV header has the column "${name}", a name JavaScript objects reserve; rename the column.`);
    seen.add(name);
  });
}

function checkFeatureCount(count: number, label: string): void {
  if (count > MAX_DRIFT_FEATURES) {
    throw new DriftInputError(null, `The ${label} CSV has ${count} feature columns, more than the limit of ${MAX_DRIFT_FEATURES}; send fewer columns.`);
  }
}

function isNumericalColumn(columns: string[][]): boolean {
  return columns.every((cells) => cells.every((cell) => cell === '' || (DECIMAL_NUMBER.test(cell) && Number.isFinite(Number(cell)))));
}

function toValue(cell: string, numerical: boolean): CellValue {
  if (cell === '') return null;
  return numerical ? Number(cell) : cell;
}

function toValues(cells: string[], numerical: boolean): CellValue[] {
  return cells.map((cell) => toValue(cell, numerical));
}

function columnCells(rows: string[][], index: number): string[] {
  return rows.map((row) => row[index]!.trim());
}

/** Builds typed columns for both samples from their raw cells, deciding each column's kind over both samples. */
function typeColumns(names: string[], reference: Map<string, string[]>, current: Map<string, string[]>): SamplePair {
  const pair: SamplePair = { reference: {}, current: {} };
  for (const name of names) {
    const referenceCells = reference.get(name)!;
    const currentCells = current.get(name)!;
    const numerical = isNumericalColumn([referenceCells, currentCells]);
    pair.reference[name] = toValues(referenceCells, numerical);
    pair.current[name] = toValues(currentCells, numerical);
  }
  return pair;
}

/** Splits one CSV into reference and current rows by the value of `sampleColumn` in each row. */
export function splitCsvBySample(text: string, sampleColumn: string): SamplePair {
  // One file contains both samples, so it may have up to the per-column limit for each.
  const { header, rows } = readTable(text, 'uploaded', 2 * MAX_DRIFT_VALUES_PER_COLUMN);
  const sampleIndex = header.indexOf(sampleColumn);
  if (sampleIndex === -1) {
    throw new DriftInputError(null, `The CSV has no column "${sampleColumn}" to say which sample a row belongs to; add it with the values reference and current, or name the column in the sample_column query parameter.`);
  }
  const features = header.filter((_, index) => index !== sampleIndex);
  checkFeatureCount(features.length, 'uploaded');

  const referenceRows: string[][] = [];
  const currentRows: string[][] = [];
  rows.forEach((row, index) => {
    const sample = row[sampleIndex]!.trim();
    if (sample === 'reference') referenceRows.push(row);
    else if (sample === 'current') currentRows.push(row);
    else throw new DriftInputError(null, `Data row ${index + 1} of the CSV has ${JSON.stringify(sample)} in column "${sampleColumn}"; use reference or current.`);
  });

  const cellsByFeature = (sampleRows: string[][]) => new Map(features.map((name) => [name, columnCells(sampleRows, header.indexOf(name))]));
  return typeColumns(features, cellsByFeature(referenceRows), cellsByFeature(currentRows));
}

/** Reads two CSV files with the same columns, in any order, as the reference and the current sample. */
export function readCsvPair(referenceText: string, currentText: string): SamplePair {
  const reference = readTable(referenceText, 'reference', MAX_DRIFT_VALUES_PER_COLUMN);
  const current = readTable(currentText, 'current', MAX_DRIFT_VALUES_PER_COLUMN);
  checkFeatureCount(reference.header.length, 'reference');

  const currentNames = new Set(current.header);
  const onlyReference = reference.header.filter((name) => !currentNames.has(name));
  const onlyCurrent = current.header.filter((name) => !reference.header.includes(name));
  if (onlyReference.length > 0 || onlyCurrent.length > 0) {
    throw new DriftInputError(onlyReference[0] ?? onlyCurrent[0] ?? null, `The two CSV files have different columns (${describeMismatch(onlyReference, onlyCurrent)}); send the same header in both.`);
  }

  const cellsByFeature = (table: CsvTable) => new Map(table.header.map((name, index) => [name, columnCells(table.rows, index)]));
  return typeColumns(reference.header, cellsByFeature(reference), cellsByFeature(current));
}

/** Describes features found in only one of two sources, listing at most 10 names of each. */
export function describeMismatch(onlyFirst: string[], onlySecond: string[], labels: [string, string] = ['reference', 'current']): string {
  const list = (names: string[]) => names.slice(0, 10).map((name) => JSON.stringify(name)).join(', ') + (names.length > 10 ? ` and ${names.length - 10} more` : '');
  const parts: string[] = [];
  if (onlyFirst.length > 0) parts.push(`only in ${labels[0]}: ${list(onlyFirst)}`);
  if (onlySecond.length > 0) parts.push(`only in ${labels[1]}: ${list(onlySecond)}`);
  return parts.join('; ');
}

/** Tells whether a feature name collides with a property every JavaScript object has, such as `constructor` or `__proto__`. */
export function isReservedFeatureName(name: string): boolean {
  return name === '__proto__' || name in Object.prototype;
}
