// Times one numerical feature through KS, Wasserstein and PSI at n = 10^4, 10^5, 10^6 values per sample.
// Run: npx tsx scripts/bench-drift.ts
// Data: the LCG of test/drift/lcg.ts (uniform, current shifted by 0.01), the same values scripts/bench-drift.py times.

import {
  countBinsSorted,
  ksTwoSampleSorted,
  meanAndStd,
  normWasserstein,
  populationStabilityIndex,
  quantileBinEdges,
  sortedCopy,
  wassersteinDistanceSorted,
} from '../src/drift/index.js';
import { lcgSample } from '../test/drift/lcg.js';

const SIZES = [10_000, 100_000, 1_000_000];
const REPEATS = 5;

interface Timing {
  sort: number;
  ks: number;
  wasserstein: number;
  psi: number;
  total: number;
}

function timeOnce(reference: Float64Array, current: Float64Array): Timing {
  const start = performance.now();
  const sortedReference = sortedCopy(reference);
  const sortedCurrent = sortedCopy(current);
  const sorted = performance.now();

  const ks = ksTwoSampleSorted(sortedReference, sortedCurrent);
  const ksDone = performance.now();

  const distance = normWasserstein(
    wassersteinDistanceSorted(sortedReference, sortedCurrent),
    meanAndStd(sortedReference).std,
  );
  const wassersteinDone = performance.now();

  const edges = quantileBinEdges(sortedReference, 10);
  const psi = populationStabilityIndex(countBinsSorted(sortedReference, edges), countBinsSorted(sortedCurrent, edges));
  const psiDone = performance.now();

  // Keep the results alive so the work cannot be optimised away.
  if (!Number.isFinite(ks.p_value + distance + psi)) throw new Error('benchmark produced a non-finite result');
  return {
    sort: sorted - start,
    ks: ksDone - sorted,
    wasserstein: wassersteinDone - ksDone,
    psi: psiDone - wassersteinDone,
    total: psiDone - start,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function main(): void {
  console.log('| n per sample | sort ms | KS ms | Wasserstein ms | PSI ms | total ms | total ratio to previous n |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|');

  let previousTotal: number | null = null;
  for (const n of SIZES) {
    const reference = lcgSample({ seed: 1, n, shape: 'uniform', scale: 1, shift: 0, levels: 0 });
    const current = lcgSample({ seed: 2, n, shape: 'uniform', scale: 1, shift: 0.01, levels: 0 });

    timeOnce(reference, current);
    const runs = Array.from({ length: REPEATS }, () => timeOnce(reference, current));
    const row = {
      sort: median(runs.map((run) => run.sort)),
      ks: median(runs.map((run) => run.ks)),
      wasserstein: median(runs.map((run) => run.wasserstein)),
      psi: median(runs.map((run) => run.psi)),
      total: median(runs.map((run) => run.total)),
    };
    const ratio = previousTotal === null ? '' : (row.total / previousTotal).toFixed(1);
    console.log(
      `| ${n} | ${row.sort.toFixed(1)} | ${row.ks.toFixed(1)} | ${row.wasserstein.toFixed(1)} | ` +
        `${row.psi.toFixed(1)} | ${row.total.toFixed(1)} | ${ratio} |`,
    );
    previousTotal = row.total;
  }
  console.log(`median of ${REPEATS} runs after one warm-up; ratio for n log n growth is about 11.5 per decade`);
}

main();
