import t from 'tap';

import { analyzeFeature, DriftInputError, type FeatureDriftResult } from '../../src/drift/index.js';
import { lcgSample } from './lcg.js';

function numbers(seed: number, n: number, shift = 0, shape: 'irwin-hall' | 'integers' = 'irwin-hall', levels = 0): number[] {
  return Array.from(lcgSample({ seed, n, shape, scale: 1, shift, levels }));
}

function nonFiniteFields(result: FeatureDriftResult): string[] {
  const fields = { statistic: result.statistic, p_value: result.p_value, score: result.score, threshold: result.threshold };
  return Object.entries(fields)
    .filter(([, value]) => value !== null && !Number.isFinite(value))
    .map(([field]) => field);
}

t.test('default method: small numerical is ks', async (t) => {
  const result = analyzeFeature('x', numbers(1, 500), numbers(2, 500, 0.5));
  t.equal(result.method, 'ks');
  t.equal(result.threshold, 0.05);
  t.equal(result.status, 'ok');
  t.equal(result.drifted, true);
  t.equal(result.score, 1 - result.p_value!);
});

t.test('default method: large numerical is wasserstein', async (t) => {
  const result = analyzeFeature('x', numbers(1, 1001), numbers(2, 800));
  t.equal(result.method, 'wasserstein');
  t.equal(result.threshold, 0.1);
  t.equal(result.p_value, null);
  t.equal(result.score, result.statistic);
  t.equal(result.drifted, false);
});

t.test('default method: few-valued numerical', async (t) => {
  t.equal(analyzeFeature('x', numbers(1, 300, 0, 'integers', 5), numbers(2, 300, 0, 'integers', 5)).method, 'chisquare');
  t.equal(analyzeFeature('x', numbers(1, 300, 0, 'integers', 2), numbers(2, 300, 0, 'integers', 2)).method, 'z');
  t.equal(analyzeFeature('x', numbers(1, 300, 0, 'integers', 6), numbers(2, 300, 0, 'integers', 6)).method, 'ks');
  t.equal(analyzeFeature('x', numbers(1, 2000, 0, 'integers', 4), numbers(2, 300, 0, 'integers', 4)).method, 'jensenshannon');
});

t.test('default method: categorical', async (t) => {
  const three = ['a', 'b', 'c', 'a', 'b', 'c', 'a'];
  t.equal(analyzeFeature('c', three, three).method, 'chisquare');
  t.equal(analyzeFeature('c', [true, false, true], [false, false, true]).method, 'z');
  t.equal(analyzeFeature('c', Array(1001).fill('a').concat(['b']), ['a', 'b']).method, 'jensenshannon');
  t.equal(analyzeFeature('c', [true, false, true], [false, false, true]).kind, 'categorical');
});

t.test('explicit method and threshold honoured', async (t) => {
  const result = analyzeFeature('x', numbers(1, 500), numbers(2, 500, 0.05), { method: 'psi', threshold: 0.001 });
  t.equal(result.method, 'psi');
  t.equal(result.threshold, 0.001);
  t.equal(result.drifted, result.statistic! > 0.001);
});

t.test('bins honoured', async (t) => {
  const reference = numbers(3, 2000);
  const current = numbers(4, 2000, 0.1);
  const five = analyzeFeature('x', reference, current, { method: 'jensenshannon', bins: 5 });
  const forty = analyzeFeature('x', reference, current, { method: 'jensenshannon', bins: 40 });
  const fallback = analyzeFeature('x', reference, current, { method: 'jensenshannon' });
  const ten = analyzeFeature('x', reference, current, { method: 'jensenshannon', bins: 10 });
  t.not(five.statistic, forty.statistic);
  t.equal(fallback.statistic, ten.statistic, 'default bins is 10');
});

t.test('new category is drift', async (t) => {
  const reference = Array(100).fill('a').concat(Array(100).fill('b'));
  const current = Array(80).fill('a').concat(Array(80).fill('b'), Array(40).fill('new'));
  for (const method of ['chisquare', 'jensenshannon', 'psi'] as const) {
    const result = analyzeFeature('c', reference, current, { method });
    t.equal(result.status, 'ok', method);
    t.equal(result.drifted, true, `${method} flags the new category`);
    t.same(nonFiniteFields(result), [], `${method} fields finite or null`);
  }
});

t.test('missing values counted and left out', async (t) => {
  const reference = [1, 2, null, 3, Number.NaN, 4, 5, 6, undefined, Infinity, 7];
  const current = [1, 2, 3, -Infinity, 4, 5, 6, 7, null];
  const result = analyzeFeature('x', reference, current);
  t.equal(result.reference_count, 7);
  t.equal(result.current_count, 7);
  t.equal(result.missing_count, 6);
  t.equal(result.kind, 'numerical');
  t.equal(result.statistic, 0);
  t.equal(result.p_value, 1);

  const categorical = analyzeFeature('c', ['a', null, 'b', 'a'], ['a', 'b', undefined, Number.NaN]);
  t.equal(categorical.kind, 'categorical');
  t.equal(categorical.missing_count, 3);
});

t.test('status empty', async (t) => {
  const result = analyzeFeature('x', [1, 2, 3], [null, Number.NaN]);
  t.equal(result.status, 'empty');
  t.equal(result.statistic, null);
  t.equal(result.score, null);
  t.equal(result.drifted, false);
  t.equal(analyzeFeature('x', [], [1, 2]).status, 'empty');
});

t.test('status constant', async (t) => {
  const numerical = analyzeFeature('x', [4, 4, 4], [4, 4]);
  t.equal(numerical.status, 'constant');
  t.equal(numerical.statistic, 0);
  t.equal(numerical.score, 0);
  t.equal(numerical.drifted, false);
  const categorical = analyzeFeature('c', ['a', 'a'], ['a'], { method: 'chisquare' });
  t.equal(categorical.status, 'constant');
  t.equal(categorical.p_value, 1);
  t.equal(analyzeFeature('x', [4, 4], [5, 5]).status, 'ok', 'two different constants are not constant');
});

t.test('status insufficient', async (t) => {
  const result = analyzeFeature('x', [1, 2, 3], [7]);
  t.equal(result.status, 'insufficient');
  t.equal(result.statistic, null);
  t.equal(result.drifted, false);
});

t.test('status missing_in_current', async (t) => {
  const result = analyzeFeature('x', [1, 2, 3], undefined);
  t.equal(result.status, 'missing_in_current');
  t.equal(result.reference_count, 3);
  t.equal(result.current_count, 0);
});

t.test('overflow becomes insufficient, not NaN', async (t) => {
  const result = analyzeFeature('x', [-1.7e308, 1.7e308, 1.7e308], [-1.7e308, -1.7e308, 1.7e308], { method: 'wasserstein' });
  t.equal(result.status, 'insufficient');
  t.equal(result.statistic, null);
  t.same(nonFiniteFields(result), [], 'fields finite or null');
});

t.test('validation errors name the feature', async (t) => {
  const cases: Array<[string, () => unknown, RegExp]> = [
    ['ks on categorical', () => analyzeFeature('colour', ['a', 'b'], ['a', 'b'], { method: 'ks' }), /colour.*categorical.*chisquare/],
    ['wasserstein on categorical', () => analyzeFeature('colour', ['a'], ['b'], { method: 'wasserstein' }), /colour/],
    ['z on many values', () => analyzeFeature('age', [1, 2, 3], [1, 2, 3], { method: 'z' }), /age.*two distinct.*chisquare/],
    ['p threshold above 1', () => analyzeFeature('age', [1, 2], [1, 2], { method: 'ks', threshold: 5 }), /age.*between 0 and 1/],
    ['negative threshold', () => analyzeFeature('age', [1, 2], [1, 2], { threshold: -1 }), /age.*threshold/],
    ['bins not integer', () => analyzeFeature('age', [1, 2], [1, 2], { method: 'psi', bins: 2.5 }), /age.*bins/],
    ['bins with ks', () => analyzeFeature('age', [1, 2], [1, 2], { method: 'ks', bins: 5 }), /age.*does not bin/],
    ['bins on categorical', () => analyzeFeature('colour', ['a'], ['a'], { bins: 5 }), /colour.*categorical/],
    ['unknown method', () => analyzeFeature('age', [1], [1], { method: 'ttest' as never }), /age.*unknown method/],
    ['string in numerical', () => analyzeFeature('age', [1, 'x'], [1], { kind: 'numerical' }), /age.*row 1/],
  ];
  for (const [label, run, message] of cases) {
    t.throws(run, DriftInputError, label);
    try {
      run();
    } catch (error) {
      t.match((error as DriftInputError).message, message, label);
      t.ok((error as DriftInputError).feature !== null, `${label}: feature set`);
    }
  }
});

t.test('kind override treats codes as categories', async (t) => {
  const result = analyzeFeature('zip', [10115, 10117, 10115], [10115, 10117, 10119], { kind: 'categorical' });
  t.equal(result.kind, 'categorical');
  t.equal(result.method, 'chisquare');
});
