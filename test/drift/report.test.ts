import t from 'tap';

import { driftReport, DriftInputError } from '../../src/drift/index.js';
import { lcgSample } from './lcg.js';

function numbers(seed: number, n: number, shift = 0): number[] {
  return Array.from(lcgSample({ seed, n, shape: 'irwin-hall', scale: 1, shift, levels: 0 }));
}

const reference = {
  stable: numbers(1, 300),
  shifted: numbers(2, 300),
  colour: Array(150).fill('red').concat(Array(150).fill('blue')),
  gone: numbers(3, 300),
  blank: Array(300).fill(null),
};
const current = {
  stable: numbers(4, 300),
  shifted: numbers(5, 300, 1),
  colour: Array(150).fill('red').concat(Array(150).fill('blue')),
  blank: Array(300).fill(null),
};

t.test('drift score counts evaluated features', async (t) => {
  const report = driftReport(reference, current);
  t.equal(report.number_of_features, 5);
  t.equal(report.number_of_evaluated_features, 3);
  t.equal(report.number_of_drifted_features, 1);
  t.equal(report.drift_score, 1 / 3);
  t.equal(report.drift_detected, false);
  t.equal(report.details.gone, null);
  t.equal(report.details.shifted, report.features[1]!.score);
});

t.test('weighted drift score', async (t) => {
  const report = driftReport(reference, current, { weights: { shifted: 3, stable: 0.5, colour: 0.5 } });
  t.equal(report.drift_score, 3 / 4);
  t.equal(report.drift_detected, true);
});

t.test('drift share threshold', async (t) => {
  t.equal(driftReport(reference, current, { drift_share: 0.3 }).drift_detected, true);
  t.equal(driftReport(reference, current, { drift_share: 0.34 }).drift_detected, false);
});

t.test('no evaluated feature gives null score', async (t) => {
  const report = driftReport({ blank: [null] }, { blank: [null] });
  t.equal(report.drift_score, null);
  t.equal(report.drift_detected, false);
});

t.test('features option selects columns', async (t) => {
  const report = driftReport(reference, current, { features: ['shifted'] });
  t.equal(report.features.length, 1);
  t.equal(report.drift_score, 1);
});

t.test('report options validated', async (t) => {
  t.throws(() => driftReport(reference, current, { weights: { shifted: -1 } }), DriftInputError);
  t.throws(() => driftReport(reference, current, { weights: { typo: 1 } }), /typo.*not in the reference/);
  t.throws(() => driftReport(reference, current, { feature_options: { typo: {} } }), /typo/);
  t.throws(() => driftReport(reference, current, { drift_share: 2 }), /drift_share/);
  t.throws(() => driftReport(reference, current, { features: ['nope'] }), /nope/);
});

t.test('one bad feature spares the others', async (t) => {
  const report = driftReport(
    { overflow: [-1.7e308, 1.7e308, 1.7e308], fine: numbers(6, 100) },
    { overflow: [-1.7e308, -1.7e308, 1.7e308], fine: numbers(7, 100) },
    { feature_options: { overflow: { method: 'wasserstein' } } },
  );
  t.equal(report.features[0]!.status, 'insufficient');
  t.equal(report.features[1]!.status, 'ok');
  t.equal(report.number_of_evaluated_features, 1);
});
