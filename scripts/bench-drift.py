"""Time scipy on the drift benchmark of scripts/bench-drift.ts: KS, Wasserstein and PSI on one feature.

Run from the repository root:

    python3 scripts/bench-drift.py

Data come from the LCG of scripts/drift-reference.py (the same values as test/drift/lcg.ts): uniform,
current shifted by 0.01. scipy sorts inside each function, so its times include one sort per call.
"""

import importlib.util
import statistics
import time
from pathlib import Path

import numpy as np
from scipy import stats

SIZES = [10_000, 100_000, 1_000_000]
REPEATS = 5

_spec = importlib.util.spec_from_file_location("drift_reference", Path(__file__).with_name("drift-reference.py"))
drift_reference = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(drift_reference)


def time_once(reference, current):
    start = time.perf_counter()
    ks = stats.ks_2samp(reference, current, method="auto")
    ks_done = time.perf_counter()

    distance = stats.wasserstein_distance(reference, current) / max(np.std(reference), 0.001)
    wasserstein_done = time.perf_counter()

    edges = drift_reference.quantile_edges(reference, 10)
    psi = drift_reference.psi_direct(
        drift_reference.bin_counts(reference, edges), drift_reference.bin_counts(current, edges)
    )
    psi_done = time.perf_counter()

    assert np.isfinite(ks.pvalue + distance + psi)
    return {
        "ks": ks_done - start,
        "wasserstein": wasserstein_done - ks_done,
        "psi": psi_done - wasserstein_done,
        "total": psi_done - start,
    }


def main():
    print("| n per sample | KS ms | Wasserstein ms | PSI ms | total ms | total ratio to previous n |")
    print("|---:|---:|---:|---:|---:|---:|")
    previous_total = None
    for n in SIZES:
        spec = {"seed": 1, "n": n, "shape": "uniform", "scale": 1.0, "shift": 0.0, "levels": 0}
        reference = drift_reference.lcg_sample(spec)
        current = drift_reference.lcg_sample({**spec, "seed": 2, "shift": 0.01})

        time_once(reference, current)
        runs = [time_once(reference, current) for _ in range(REPEATS)]
        row = {key: statistics.median(run[key] for run in runs) * 1000 for key in runs[0]}
        ratio = "" if previous_total is None else f"{row['total'] / previous_total:.1f}"
        print(f"| {n} | {row['ks']:.1f} | {row['wasserstein']:.1f} | {row['psi']:.1f} | {row['total']:.1f} | {ratio} |")
        previous_total = row["total"]
    print(f"median of {REPEATS} runs after one warm-up")


if __name__ == "__main__":
    main()
