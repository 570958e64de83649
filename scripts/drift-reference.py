"""Generate scipy reference values for the TypeScript drift engine (src/drift/).

Rerun from the repository root:

    python3 scripts/drift-reference.py

It writes test/drift/fixtures/scipy-reference.json, which test/drift/scipy-reference.test.ts reads.
Needs numpy and scipy; the committed file was produced with scipy 1.17.1 and numpy 2.4.6.

Small samples are stored in the file. Large samples are stored as a generator spec instead: a 32-bit linear
congruential generator that test/drift/lcg.ts implements identically, using only +, *, / and floor, so both
languages produce the same float64 values bit for bit.
"""

import json
import math
from pathlib import Path

import numpy as np
import scipy
from scipy import stats
from scipy.spatial.distance import jensenshannon

OUTPUT = Path(__file__).resolve().parent.parent / "test" / "drift" / "fixtures" / "scipy-reference.json"

LCG_MULTIPLIER = 1664525
LCG_INCREMENT = 1013904223
LCG_MODULUS = 2**32

PSI_EMPTY_BIN_PROPORTION = 0.0001
WASSERSTEIN_STD_FLOOR = 0.001


def lcg_sample(spec):
    """Draw spec["n"] values with the same arithmetic as test/drift/lcg.ts."""
    state = spec["seed"] % LCG_MODULUS

    def uniform():
        nonlocal state
        state = (LCG_MULTIPLIER * state + LCG_INCREMENT) % LCG_MODULUS
        return (state + 0.5) / LCG_MODULUS

    values = []
    for _ in range(spec["n"]):
        if spec["shape"] == "uniform":
            base = uniform()
        elif spec["shape"] == "irwin-hall":
            base = uniform() + uniform() + uniform() + uniform() - 2.0
        elif spec["shape"] == "integers":
            base = float(math.floor(uniform() * spec["levels"]))
        else:
            raise ValueError(f"invalid shape {spec['shape']!r}: use uniform, irwin-hall or integers")
        values.append(spec["shift"] + spec["scale"] * base)
    return np.array(values, dtype=np.float64)


def quantile_edges(reference, bins):
    """Finite inner edges: quantiles at i / bins (numpy linear), duplicates merged."""
    quantiles = np.arange(1, bins) / bins
    return np.unique(np.quantile(reference, quantiles))


def bin_counts(values, edges):
    """Counts per bin [-inf, e1), [e1, e2), ..., [e_last, inf)."""
    below = np.searchsorted(np.sort(values), edges, side="left")
    return np.diff(np.concatenate(([0], below, [len(values)]))).astype(int)


def psi_direct(reference_counts, current_counts):
    """PSI from the formula: empty-bin proportions become 0.0001, no renormalising."""
    p_ref = reference_counts / reference_counts.sum()
    p_cur = current_counts / current_counts.sum()
    p_ref = np.where(p_ref == 0, PSI_EMPTY_BIN_PROPORTION, p_ref)
    p_cur = np.where(p_cur == 0, PSI_EMPTY_BIN_PROPORTION, p_cur)
    return float(np.sum((p_cur - p_ref) * np.log(p_cur / p_ref)))


def representative_points(edges):
    """Binned Wasserstein estimate: inner bins at edge midpoints, outer bins at their finite edge."""
    if len(edges) == 0:
        return np.array([0.0])
    middles = edges[:-1] + (edges[1:] - edges[:-1]) / 2
    return np.concatenate(([edges[0]], middles, [edges[-1]]))


def numerical_case(name, reference_source, current_source, bins=10):
    reference = reference_source if isinstance(reference_source, np.ndarray) else lcg_sample(reference_source)
    current = current_source if isinstance(current_source, np.ndarray) else lcg_sample(current_source)

    ks = stats.ks_2samp(reference, current, method="auto")
    wasserstein = stats.wasserstein_distance(reference, current)
    std = float(np.std(reference))

    edges = quantile_edges(reference, bins)
    reference_counts = bin_counts(reference, edges)
    current_counts = bin_counts(current, edges)
    points = representative_points(edges)

    case = {
        "name": name,
        "bins": bins,
        "ks_statistic": float(ks.statistic),
        "ks_p_value": float(ks.pvalue),
        "ks_exact": bool(max(len(reference), len(current)) <= 10000),
        "wasserstein": float(wasserstein),
        "reference_std": std,
        "wasserstein_normed": float(wasserstein / max(std, WASSERSTEIN_STD_FLOOR)),
        "edges": edges.tolist(),
        "reference_bin_counts": reference_counts.tolist(),
        "current_bin_counts": current_counts.tolist(),
        "psi": psi_direct(reference_counts, current_counts),
        "jensenshannon": float(jensenshannon(reference_counts, current_counts)),
        "binned_wasserstein": float(
            stats.wasserstein_distance(points, points, reference_counts + 0.0, current_counts + 0.0)
        ),
    }
    case["reference"] = reference.tolist() if isinstance(reference_source, np.ndarray) else reference_source
    case["current"] = current.tolist() if isinstance(current_source, np.ndarray) else current_source
    return case


def lcg(seed, n, shape="irwin-hall", scale=1.0, shift=0.0, levels=0):
    """Generator spec that test/drift/lcg.ts reproduces; stored in the fixture instead of the values."""
    return {"seed": seed, "n": n, "shape": shape, "scale": scale, "shift": shift, "levels": levels}


def numerical_cases():
    rng = np.random.default_rng(20240611)
    normal = rng.standard_normal
    return [
        numerical_case("tiny n=1 vs n=1", np.array([0.3]), np.array([0.7])),
        numerical_case("tiny n=1 vs n=2", np.array([1.0]), np.array([0.5, 2.0])),
        numerical_case("tiny n=2 vs n=3", np.array([1.0, 2.0]), np.array([1.5, 2.5, 3.5])),
        numerical_case("tiny n=3 vs n=3", np.array([0.1, 0.2, 0.3]), np.array([0.4, 0.5, 0.6])),
        numerical_case("tiny n=3 vs n=100", np.array([5.0, 6.0, 7.0]), normal(100)),
        numerical_case("ties small integers", rng.integers(0, 6, 50).astype(float),
                       rng.integers(0, 7, 60).astype(float)),
        numerical_case("ties heavy", rng.integers(0, 3, 400).astype(float), rng.integers(0, 3, 300).astype(float)),
        numerical_case("constant equal", np.full(20, 5.0), np.full(30, 5.0)),
        numerical_case("constant reference", np.full(40, 2.0), normal(50) + 2),
        numerical_case("normal shift 200 vs 300", normal(200), normal(300) + 0.3),
        numerical_case("normal same 1000 vs 800", normal(1000), normal(800), bins=20),
        numerical_case("scale change 500 vs 500", normal(500), 1.5 * normal(500)),
        numerical_case("separated 50 vs 60", normal(50), normal(60) + 20),
        numerical_case("huge magnitudes 1e12", 1e12 * normal(300), 1e12 * (normal(250) + 0.2)),
        numerical_case("huge offset 1e12", 1e12 + 1e6 * normal(200), 1e12 + 1e6 * normal(200) + 3e5),
        numerical_case("tiny magnitudes 1e-9", 1e-9 * normal(200), 1e-9 * normal(150), bins=5),
        numerical_case("unequal 10 vs 5000", lcg(1, 10), lcg(2, 5000, shift=0.2)),
        numerical_case("unequal 5000 vs 10", lcg(3, 5000), lcg(4, 10, shift=-0.3)),
        numerical_case("boundary 10000 vs 10000 exact", lcg(5, 10000), lcg(6, 10000, shift=0.02)),
        numerical_case("boundary 10000 vs 9999 exact", lcg(7, 10000), lcg(8, 9999, shift=0.01)),
        numerical_case("boundary 10001 vs 9000 asymptotic", lcg(9, 10001), lcg(10, 9000, shift=0.01)),
        numerical_case("asymptotic 10 vs 20000", lcg(11, 10), lcg(12, 20000, shift=0.1)),
        numerical_case("asymptotic 20000 vs 30000 shifted", lcg(13, 20000), lcg(14, 30000, shift=0.05)),
        numerical_case("asymptotic ties 12000 vs 15000", lcg(15, 12000, "integers", levels=8),
                       lcg(16, 15000, "integers", levels=8), bins=4),
        numerical_case("uniform 3000 vs 2000 bins 7", lcg(17, 3000, "uniform"),
                       lcg(18, 2000, "uniform", scale=1.1), bins=7),
    ]


def categorical_case(name, reference_counts, current_counts):
    labels = sorted(set(reference_counts) | set(current_counts))
    reference = np.array([reference_counts.get(label, 0) for label in labels], dtype=float)
    current = np.array([current_counts.get(label, 0) for label in labels], dtype=float)
    chi2 = stats.chi2_contingency(np.array([reference, current]))
    return {
        "name": name,
        "reference": reference_counts,
        "current": current_counts,
        "chisquare_statistic": float(chi2.statistic),
        "chisquare_p_value": float(chi2.pvalue),
        "chisquare_dof": int(chi2.dof),
        "psi": psi_direct(reference, current),
        "jensenshannon": float(jensenshannon(reference, current)),
    }


def categorical_cases():
    return [
        categorical_case("three colours", {"red": 30, "green": 50, "blue": 20}, {"red": 35, "green": 40, "blue": 25}),
        categorical_case("two values with yates", {"yes": 40, "no": 60}, {"yes": 55, "no": 45}),
        categorical_case("two values small yates", {"a": 3, "b": 5}, {"a": 6, "b": 1}),
        categorical_case("new category in current", {"a": 50, "b": 50}, {"a": 40, "b": 45, "c": 15}),
        categorical_case("category only in reference", {"a": 30, "b": 30, "c": 40}, {"a": 50, "b": 50}),
        categorical_case("disjoint categories", {"a": 10, "b": 20}, {"c": 15, "d": 5}),
        categorical_case("many categories", {f"k{i}": 10 + (i * 7) % 13 for i in range(30)},
                         {f"k{i}": 12 + (i * 5) % 11 for i in range(30)}),
        categorical_case("strong drift", {"a": 500, "b": 300, "c": 200}, {"a": 100, "b": 300, "c": 600}),
    ]


def z_cases():
    cases = []
    for reference_successes, reference_n, current_successes, current_n in [
        (40, 100, 55, 100), (10, 50, 12, 60), (300, 1000, 200, 1000), (1, 20, 19, 20), (500, 1000, 502, 990),
    ]:
        p1 = reference_successes / reference_n
        p2 = current_successes / current_n
        pooled = (p1 * reference_n + p2 * current_n) / (reference_n + current_n)
        z = (p1 - p2) / np.sqrt(pooled * (1 - pooled) * (1 / reference_n + 1 / current_n))
        cases.append({
            "reference_successes": reference_successes, "reference_n": reference_n,
            "current_successes": current_successes, "current_n": current_n,
            "statistic": float(z), "p_value": float(2 * stats.norm.sf(abs(z))),
        })
    return cases


def distribution_cases():
    rng = np.random.default_rng(7)
    kstwo = []
    for n in [1, 2, 3, 5, 10, 50, 100, 140, 141, 500, 1000, 5000, 20000, 100000, 100001, 500000, 2000000]:
        xs = list(rng.uniform(0, 1, 6)) + list(rng.uniform(0, 3, 6) / np.sqrt(n)) + [0.7 / n, 1.5 / n]
        for x in xs:
            x = float(min(x, 0.9999))
            kstwo.append({"n": n, "x": x, "sf": float(stats.kstwo.sf(x, n))})
    chi2 = []
    for dof in [1, 2, 3, 7, 20, 99, 1000]:
        for x in [0.01, 0.5, 1.0, dof * 0.5, float(dof), dof + 3 * math.sqrt(2 * dof), 3.0 * dof + 10]:
            chi2.append({"x": x, "dof": dof, "sf": float(stats.chi2.sf(x, dof))})
    return {"kstwo_sf": kstwo, "chi2_sf": chi2}


def main():
    fixture = {
        "generated_by": "scripts/drift-reference.py",
        "scipy_version": scipy.__version__,
        "numpy_version": np.__version__,
        "numerical": numerical_cases(),
        "categorical": categorical_cases(),
        "z": z_cases(),
        "distributions": distribution_cases(),
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(fixture, indent=1) + "\n")
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
