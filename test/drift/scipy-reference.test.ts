import t from 'tap';
import { readFileSync } from 'node:fs';

import {
  chiSquareSf,
  chiSquareTest,
  countBinsSorted,
  jensenShannonDistance,
  kolmogorovSmirnovSf,
  ksTwoSample,
  meanAndStd,
  normWasserstein,
  populationStabilityIndex,
  quantileBinEdges,
  sortedCopy,
  twoProportionZTest,
  wassersteinDistance,
  wassersteinDistanceWeighted,
  binRepresentativePoints,
} from '../../src/drift/index.js';
import { lcgSample, type SampleSpec } from './lcg.js';

const STATISTIC_TOLERANCE = 1e-6;
const P_VALUE_TOLERANCE = 1e-4;
// p-values at or below this are compared in absolute terms only.
const P_VALUE_FLOOR = 1e-10;

interface NumericalCase {
  name: string;
  bins: number;
  reference: number[] | SampleSpec;
  current: number[] | SampleSpec;
  ks_statistic: number;
  ks_p_value: number;
  ks_exact: boolean;
  wasserstein: number;
  reference_std: number;
  wasserstein_normed: number;
  edges: number[];
  reference_bin_counts: number[];
  current_bin_counts: number[];
  psi: number;
  jensenshannon: number;
  binned_wasserstein: number;
}

interface CategoricalCase {
  name: string;
  reference: Record<string, number>;
  current: Record<string, number>;
  chisquare_statistic: number;
  chisquare_p_value: number;
  chisquare_dof: number;
  psi: number;
  jensenshannon: number;
}

interface ZCase {
  reference_successes: number;
  reference_n: number;
  current_successes: number;
  current_n: number;
  statistic: number;
  p_value: number;
}

interface Fixture {
  numerical: NumericalCase[];
  categorical: CategoricalCase[];
  z: ZCase[];
  distributions: {
    kstwo_sf: Array<{ n: number; x: number; sf: number }>;
    chi2_sf: Array<{ x: number; dof: number; sf: number }>;
  };
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/scipy-reference.json', import.meta.url), 'utf8'),
) as Fixture;

function relativeError(actual: number, expected: number): number {
  if (expected === 0) return Math.abs(actual);
  return Math.abs(actual - expected) / Math.abs(expected);
}

function closeStatistic(actual: number, expected: number): boolean {
  return relativeError(actual, expected) < STATISTIC_TOLERANCE || Math.abs(actual - expected) < 1e-14;
}

function closePValue(actual: number, expected: number): boolean {
  if (expected <= P_VALUE_FLOOR) return Math.abs(actual - expected) <= P_VALUE_FLOOR;
  return relativeError(actual, expected) < P_VALUE_TOLERANCE;
}

function sample(source: number[] | SampleSpec): Float64Array {
  return Array.isArray(source) ? Float64Array.from(source) : lcgSample(source);
}

for (const c of fixture.numerical) {
  t.test(`numerical: ${c.name}`, async (t) => {
    const reference = sample(c.reference);
    const current = sample(c.current);

    const ks = ksTwoSample(reference, current);
    t.ok(closeStatistic(ks.statistic, c.ks_statistic), `ks statistic ${ks.statistic} vs scipy ${c.ks_statistic}`);
    t.ok(closePValue(ks.p_value, c.ks_p_value), `ks p-value ${ks.p_value} vs scipy ${c.ks_p_value}`);
    t.equal(ks.p_value_method, c.ks_exact ? 'exact' : 'asymptotic', 'ks exact/asymptotic switch');

    const distance = wassersteinDistance(reference, current);
    t.ok(closeStatistic(distance, c.wasserstein), `wasserstein ${distance} vs scipy ${c.wasserstein}`);
    const std = meanAndStd(sortedCopy(reference)).std;
    t.ok(closeStatistic(std, c.reference_std), `reference std ${std} vs numpy ${c.reference_std}`);
    const normed = normWasserstein(distance, std);
    t.ok(closeStatistic(normed, c.wasserstein_normed), `normed wasserstein ${normed} vs ${c.wasserstein_normed}`);

    const sortedReference = sortedCopy(reference);
    const edges = quantileBinEdges(sortedReference, c.bins);
    t.same(edges, c.edges, 'quantile edges equal numpy');
    const referenceCounts = countBinsSorted(sortedReference, edges);
    const currentCounts = countBinsSorted(sortedCopy(current), edges);
    t.same(referenceCounts, c.reference_bin_counts, 'reference bin counts');
    t.same(currentCounts, c.current_bin_counts, 'current bin counts');

    const psi = populationStabilityIndex(referenceCounts, currentCounts);
    t.ok(closeStatistic(psi, c.psi), `psi ${psi} vs numpy formula ${c.psi}`);
    const js = jensenShannonDistance(referenceCounts, currentCounts);
    t.ok(closeStatistic(js, c.jensenshannon), `jensenshannon ${js} vs scipy ${c.jensenshannon}`);

    const points = binRepresentativePoints(edges);
    const binned = wassersteinDistanceWeighted(points, referenceCounts, currentCounts);
    t.ok(closeStatistic(binned, c.binned_wasserstein), `binned wasserstein ${binned} vs ${c.binned_wasserstein}`);
  });
}

for (const c of fixture.categorical) {
  t.test(`categorical: ${c.name}`, async (t) => {
    const labels = [...new Set([...Object.keys(c.reference), ...Object.keys(c.current)])].sort();
    const reference = labels.map((label) => c.reference[label] ?? 0);
    const current = labels.map((label) => c.current[label] ?? 0);

    const chi = chiSquareTest(reference, current);
    t.equal(chi.dof, c.chisquare_dof, 'degrees of freedom');
    t.ok(closeStatistic(chi.statistic, c.chisquare_statistic), `chi-square ${chi.statistic} vs ${c.chisquare_statistic}`);
    t.ok(closePValue(chi.p_value, c.chisquare_p_value), `chi-square p ${chi.p_value} vs ${c.chisquare_p_value}`);

    const psi = populationStabilityIndex(reference, current);
    t.ok(closeStatistic(psi, c.psi), `psi ${psi} vs ${c.psi}`);
    const js = jensenShannonDistance(reference, current);
    t.ok(closeStatistic(js, c.jensenshannon), `jensenshannon ${js} vs ${c.jensenshannon}`);
  });
}

t.test('z-test matches scipy normal tail', async (t) => {
  for (const c of fixture.z) {
    const z = twoProportionZTest(c.reference_successes, c.reference_n, c.current_successes, c.current_n);
    t.ok(closeStatistic(z.statistic, c.statistic), `z ${z.statistic} vs ${c.statistic}`);
    t.ok(closePValue(z.p_value, c.p_value), `z p ${z.p_value} vs ${c.p_value}`);
  }
});

t.test('kstwo survival function matches scipy', async (t) => {
  for (const c of fixture.distributions.kstwo_sf) {
    const sf = kolmogorovSmirnovSf(c.n, c.x);
    t.ok(closePValue(sf, c.sf), `kstwo.sf(${c.x}, ${c.n}) = ${sf} vs scipy ${c.sf}`);
  }
});

t.test('chi-square survival function matches scipy', async (t) => {
  for (const c of fixture.distributions.chi2_sf) {
    const sf = chiSquareSf(c.x, c.dof);
    t.ok(closePValue(sf, c.sf), `chi2.sf(${c.x}, ${c.dof}) = ${sf} vs scipy ${c.sf}`);
  }
});
