import t from 'tap';
import { ApiError } from '../../src/errors.js';
import { DriftInputError } from '../../src/drift/index.js';
import { checkSample, checkSamplePair } from '../../src/services/drift-input.js';
import { readCsvPair, splitCsvBySample } from '../../src/domain/drift-csv.js';
import { MAX_DRIFT_FEATURES, MAX_DRIFT_TOTAL_VALUES, MAX_DRIFT_VALUES_PER_COLUMN } from '../../src/domain/drift-limits.js';

function columns(features: number, length: number): Record<string, number[]> {
  const column = new Array<number>(length).fill(1);
  return Object.fromEntries(Array.from({ length: features }, (_, i) => [`f${i}`, column]));
}

t.test('checkSamplePair rejects more values than the total limit', async (t) => {
  const perSample = Math.floor(MAX_DRIFT_TOTAL_VALUES / 2 / MAX_DRIFT_VALUES_PER_COLUMN) + 1;
  const sample = columns(perSample, MAX_DRIFT_VALUES_PER_COLUMN);

  const error = t.throws(() => checkSamplePair(sample, sample)) as ApiError;

  t.equal(error.code, 'invalid-request');
  t.equal(error.message, `The request has ${2 * perSample * MAX_DRIFT_VALUES_PER_COLUMN} values in all, more than the limit of ${MAX_DRIFT_TOTAL_VALUES}; send fewer rows or features.`);
});

t.test('checkSample rejects a column over the value limit', async (t) => {
  const error = t.throws(() => checkSample(columns(1, MAX_DRIFT_VALUES_PER_COLUMN + 1), 'current')) as ApiError;

  t.equal(error.message, `Feature "f0" has ${MAX_DRIFT_VALUES_PER_COLUMN + 1} values in the current sample, more than the limit of ${MAX_DRIFT_VALUES_PER_COLUMN}; send a sample of the rows.`);
});

t.test('checkSample rejects more features than the limit', async (t) => {
  const error = t.throws(() => checkSample(columns(MAX_DRIFT_FEATURES + 1, 2), 'reference')) as ApiError;

  t.equal(error.message, `The reference sample has ${MAX_DRIFT_FEATURES + 1} features, more than the limit of ${MAX_DRIFT_FEATURES}; send fewer features.`);
});

t.test('splitCsvBySample rejects more rows than two columns hold', async (t) => {
  const rows = 2 * MAX_DRIFT_VALUES_PER_COLUMN + 1;
  const csv = 'sample,x\n' + 'reference,1\n'.repeat(rows);

  const error = t.throws(() => splitCsvBySample(csv, 'sample')) as DriftInputError;

  t.ok(error instanceof DriftInputError);
  t.equal(error.message, `The uploaded CSV has ${rows} data rows, more than the limit of ${2 * MAX_DRIFT_VALUES_PER_COLUMN}; send a sample of the rows.`);
});

t.test('splitCsvBySample accepts the column limit in each sample', async (t) => {
  const csv = 'sample,x\n' + 'reference,1\n'.repeat(MAX_DRIFT_VALUES_PER_COLUMN) + 'current,2\n'.repeat(MAX_DRIFT_VALUES_PER_COLUMN);

  const { reference, current } = splitCsvBySample(csv, 'sample');

  t.equal(reference.x!.length, MAX_DRIFT_VALUES_PER_COLUMN);
  t.equal(current.x!.length, MAX_DRIFT_VALUES_PER_COLUMN);
});

t.test('readCsvPair rejects a file over the column limit', async (t) => {
  const error = t.throws(() => readCsvPair('x\n' + '1\n'.repeat(MAX_DRIFT_VALUES_PER_COLUMN + 1), 'x\n1\n')) as DriftInputError;

  t.equal(error.message, `The reference CSV has ${MAX_DRIFT_VALUES_PER_COLUMN + 1} data rows, more than the limit of ${MAX_DRIFT_VALUES_PER_COLUMN}; send a sample of the rows.`);
});

t.test('splitCsvBySample rejects more feature columns than the limit', async (t) => {
  const header = ['sample', ...Array.from({ length: MAX_DRIFT_FEATURES + 1 }, (_, i) => `f${i}`)].join(',');

  const error = t.throws(() => splitCsvBySample(`${header}\n`, 'sample')) as DriftInputError;

  t.equal(error.message, `The uploaded CSV has ${MAX_DRIFT_FEATURES + 1} feature columns, more than the limit of ${MAX_DRIFT_FEATURES}; send fewer columns.`);
});

t.test('splitCsvBySample treats only decimal numbers as numbers', async (t) => {
  const cases: Array<[string, 'number' | 'string']> = [['1.5', 'number'], ['-2e-3', 'number'], ['.5', 'number'], ['0x10', 'string'], ['Infinity', 'string'], ['1,5', 'string']];
  for (const [cell, expected] of cases) {
    const { reference } = splitCsvBySample(`sample,x\nreference,"${cell}"\ncurrent,1\n`, 'sample');
    t.equal(typeof reference.x![0], expected, `${cell} is a ${expected}`);
  }
});
