import t from 'tap';

import {
  analyzeFeature,
  buildProfile,
  countCurrent,
  driftReportFromCounts,
  DriftInputError,
} from '../../src/drift/index.js';
import { lcgSample } from './lcg.js';

function numbers(seed: number, n: number, shift = 0): number[] {
  return Array.from(lcgSample({ seed, n, shape: 'irwin-hall', scale: 1, shift, levels: 0 }));
}

const colours = ['red', 'green', 'blue', 'grey'];
const reference = {
  amount: numbers(1, 3000).concat([Number.NaN, null] as never[]),
  colour: numbers(2, 3000).map((value) => colours[Math.floor(Math.abs(value) * 3) % 3]!),
};
const current = {
  amount: numbers(3, 2500, 0.15),
  colour: numbers(4, 2500).map((value) => colours[Math.floor(Math.abs(value) * 4) % 4]!),
};

t.test('profile holds no raw values', async (t) => {
  const profile = buildProfile(reference, { bins: 8 });
  const amount = profile.features.amount!;
  t.equal(amount.kind, 'numerical');
  if (amount.kind !== 'numerical') return;
  t.equal(amount.edges.length, 7);
  t.equal(amount.counts.length, 8);
  t.equal(amount.n, 3000);
  t.equal(amount.missing_count, 2);
  t.same(profile.features.colour, { kind: 'categorical', categories: expectedColourCounts(), n: 3000, missing_count: 0 });
});

function expectedColourCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const colour of reference.colour) counts[colour] = (counts[colour] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}

t.test('counts path equals raw path', async (t) => {
  const profile = buildProfile(reference, { bins: 8 });
  const counts = countCurrent(profile, current);
  for (const method of ['psi', 'jensenshannon', 'chisquare'] as const) {
    for (const feature of ['amount', 'colour'] as const) {
      const options = feature === 'amount' ? { method, bins: 8 } : { method };
      const raw = analyzeFeature(feature, reference[feature], current[feature], options);
      const fromCounts = driftReportFromCounts(profile, counts, { feature_options: { [feature]: { method } } })
        .features.find((result) => result.name === feature)!;
      t.equal(fromCounts.statistic, raw.statistic, `${feature} ${method} statistic`);
      t.equal(fromCounts.p_value, raw.p_value, `${feature} ${method} p-value`);
      t.equal(fromCounts.drifted, raw.drifted, `${feature} ${method} verdict`);
      t.equal(fromCounts.missing_count, raw.missing_count, `${feature} ${method} missing`);
    }
  }
});

t.test('counts path wasserstein is approximate', async (t) => {
  const profile = buildProfile(reference, { bins: 20 });
  const report = driftReportFromCounts(profile, countCurrent(profile, current));
  const amount = report.features.find((result) => result.name === 'amount')!;
  t.equal(amount.method, 'wasserstein');
  t.equal(amount.approximate, true);
  t.match(amount.note, /midpoint/);

  const exact = analyzeFeature('amount', reference.amount, current.amount);
  t.equal(exact.method, 'wasserstein');
  t.ok(Math.abs(amount.statistic! - exact.statistic!) < 0.05, `binned ${amount.statistic} near exact ${exact.statistic}`);
});

t.test('counts path default for small reference', async (t) => {
  const small = { amount: numbers(5, 400) };
  const profile = buildProfile(small);
  const report = driftReportFromCounts(profile, countCurrent(profile, { amount: numbers(6, 300, 1) }));
  t.equal(report.features[0]!.method, 'chisquare');
  t.equal(report.features[0]!.drifted, true);
});

t.test('counts path rejects ks', async (t) => {
  const profile = buildProfile(reference);
  const counts = countCurrent(profile, current);
  t.throws(
    () => driftReportFromCounts(profile, counts, { feature_options: { amount: { method: 'ks' } } }),
    /amount.*KS.*chisquare/,
  );
});

t.test('counts path validates counts', async (t) => {
  const profile = buildProfile(reference);
  t.throws(
    () => driftReportFromCounts(profile, { features: { amount: { kind: 'numerical', counts: [1, 2] } } }),
    /amount.*bins/,
  );
  t.throws(
    () => driftReportFromCounts(profile, { features: { colour: { kind: 'categorical', categories: { red: -1 } } } }),
    DriftInputError,
  );
  t.throws(
    () => driftReportFromCounts(profile, { features: { amount: { kind: 'numerical', counts: Array(10).fill(1), n: 3 } } }),
    /amount.*n = 3/,
  );
});

t.test('counts path statuses', async (t) => {
  const profile = buildProfile({ amount: [5, 5, 5], colour: ['a', 'a'] });
  const report = driftReportFromCounts(profile, {
    features: {
      amount: { kind: 'numerical', counts: profile.features.amount!.kind === 'numerical' ? [0, 4] : [], mean: 5, std: 0 },
    },
  });
  t.equal(report.features[0]!.status, 'constant');
  t.equal(report.features[1]!.status, 'missing_in_current');
});

t.test('new category from counts', async (t) => {
  const profile = buildProfile({ colour: Array(50).fill('a').concat(Array(50).fill('b')) });
  const report = driftReportFromCounts(profile, {
    features: { colour: { kind: 'categorical', categories: { a: 40, b: 40, c: 20 } } },
  });
  t.equal(report.features[0]!.status, 'ok');
  t.equal(report.features[0]!.drifted, true);
});
