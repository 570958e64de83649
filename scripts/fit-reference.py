#!/usr/bin/env python3
"""Fit the demo logistic regressions independently of the TypeScript code and write
test/demo/fixtures/fit-reference.json for test/demo.

Reads the same files from node_modules/vega-datasets/data. Each model is fitted twice:
by a plain Newton/IRLS loop in numpy on the raw (unscaled) features, with the covariance taken
as the inverse of the Fisher information X'WX at the optimum, and by statsmodels'
Logit(...).fit(method="newton") when statsmodels is importable. The fixture stores the
statsmodels numbers when available, otherwise the numpy ones, and records which.

Run from the repository root: python3 scripts/fit-reference.py
(Debian's /usr/bin/python3 with the python3-numpy and python3-statsmodels packages works.)
"""

import csv
import json
import sys
from pathlib import Path

import numpy as np

try:
    import statsmodels
    import statsmodels.api as sm
except ImportError:
    statsmodels = None

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "node_modules" / "vega-datasets" / "data"
OUTPUT = ROOT / "test" / "demo" / "fixtures" / "fit-reference.json"

PENGUIN_COLUMNS = {
    "bill_length_mm": "Beak Length (mm)",
    "bill_depth_mm": "Beak Depth (mm)",
    "flipper_length_mm": "Flipper Length (mm)",
    "body_mass_g": "Body Mass (g)",
}
SEATTLE_FEATURES = ["temp_max", "temp_min", "wind"]


def load_penguins():
    """Return (complete rows, total row count). A row is dropped when any field is null or Sex is '.'."""
    records = json.loads((DATA_DIR / "penguins.json").read_text(encoding="utf-8"))
    complete = [r for r in records if all(v is not None for v in r.values()) and r["Sex"] != "."]
    return complete, len(records)


def load_seattle():
    with open(DATA_DIR / "seattle-weather.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        for column in ["precipitation", *SEATTLE_FEATURES]:
            row[column] = float(row[column])
    rows.sort(key=lambda row: row["date"])
    return rows


def fit_newton_numpy(X, y, tolerance=1e-12, max_iterations=100):
    """Fit by Newton/IRLS on the design [1, X] and return (params, covariance, log-likelihood, iterations)."""
    design = np.column_stack([np.ones(len(X)), X])
    beta = np.zeros(design.shape[1])
    for iteration in range(1, max_iterations + 1):
        eta = design @ beta
        p = 1.0 / (1.0 + np.exp(-eta))
        information = design.T @ (design * (p * (1 - p))[:, None])
        step = np.linalg.solve(information, design.T @ (y - p))
        beta = beta + step
        if np.max(np.abs(step)) <= tolerance * max(1.0, np.max(np.abs(beta))):
            break
    else:
        raise RuntimeError(f"numpy Newton did not converge in {max_iterations} iterations")
    eta = design @ beta
    p = 1.0 / (1.0 + np.exp(-eta))
    information = design.T @ (design * (p * (1 - p))[:, None])
    covariance = np.linalg.inv(information)
    log_likelihood = -float(np.sum(negative_log_probability(eta, y)))
    return beta, covariance, log_likelihood, iteration


def fit_statsmodels(X, y):
    result = sm.Logit(y, sm.add_constant(X, has_constant="add")).fit(method="newton", maxiter=100, tol=1e-12, disp=0)
    if not result.mle_retvals["converged"]:
        raise RuntimeError("statsmodels Logit did not converge")
    return np.asarray(result.params), np.asarray(result.cov_params()), float(result.llf)


def negative_log_probability(eta, y):
    """Return -log P(observed y) per row: log(1 + exp(-eta)) for y = 1, log(1 + exp(eta)) for y = 0."""
    return np.logaddexp(0.0, np.where(y == 1, -eta, eta))


def accuracy(params, X, y):
    eta = params[0] + X @ params[1:]
    return float(np.mean((eta >= 0) == (y == 1)))


def log_loss(params, X, y):
    eta = params[0] + X @ params[1:]
    return float(np.mean(negative_log_probability(eta, y)))


def fit_model(feature_names, X, y):
    numpy_params, numpy_cov, numpy_llf, iterations = fit_newton_numpy(X, y)
    entry = {
        "feature_names": feature_names,
        "n_train": int(len(y)),
        "n_positive": int(y.sum()),
        "feature_means": X.mean(axis=0).tolist(),
        "numpy_iterations": iterations,
    }
    params, cov, llf, source = numpy_params, numpy_cov, numpy_llf, "numpy Newton (inverse Fisher information)"
    if statsmodels is not None:
        params, cov, llf = fit_statsmodels(X, y)
        source = f"statsmodels {statsmodels.__version__} Logit newton"
        entry["max_relative_difference_numpy_vs_statsmodels"] = {
            "params": float(np.max(np.abs(numpy_params - params) / np.abs(params))),
            "variance": float(np.max(np.abs(np.diag(numpy_cov) - np.diag(cov)) / np.diag(cov))),
        }
    entry.update(
        {
            "source": source,
            "intercept": float(params[0]),
            "coefficients": params[1:].tolist(),
            "intercept_variance": float(cov[0, 0]),
            "coefficient_variance": np.diag(cov)[1:].tolist(),
            "log_likelihood": llf,
            "accuracy": accuracy(params, X, y),
            "log_loss": log_loss(params, X, y),
        }
    )
    return entry, params


def main():
    if not DATA_DIR.is_dir():
        sys.exit(f"{DATA_DIR} not found: run npm install first.")

    penguins, penguin_total = load_penguins()
    X = np.array([[row[column] for column in PENGUIN_COLUMNS.values()] for row in penguins], dtype=float)
    y = np.array([row["Species"] == "Adelie" for row in penguins], dtype=float)
    penguin_model, _ = fit_model(list(PENGUIN_COLUMNS), X, y)
    penguin_model.update({"target": "Species == 'Adelie'", "total_rows": penguin_total, "dropped_rows": penguin_total - len(penguins)})

    weather = load_seattle()
    training = [row for row in weather if row["date"].startswith("2012-")]
    X = np.array([[row[column] for column in SEATTLE_FEATURES] for row in training], dtype=float)
    y = np.array([row["precipitation"] > 0 for row in training], dtype=float)
    rain_model, rain_params = fit_model(SEATTLE_FEATURES, X, y)

    holdout = [row for row in weather if row["date"] >= "2013-01-01"]
    X_holdout = np.array([[row[column] for column in SEATTLE_FEATURES] for row in holdout], dtype=float)
    y_holdout = np.array([row["precipitation"] > 0 for row in holdout], dtype=float)
    rain_model.update(
        {
            "target": "precipitation > 0",
            "total_rows": len(weather),
            "n_holdout": len(holdout),
            "holdout_accuracy": accuracy(rain_params, X_holdout, y_holdout),
            "holdout_log_loss": log_loss(rain_params, X_holdout, y_holdout),
        }
    )

    monthly = []
    for month in sorted({row["date"][:7] for row in holdout}):
        rows = [row for row in holdout if row["date"].startswith(month)]
        X_month = np.array([[row[column] for column in SEATTLE_FEATURES] for row in rows], dtype=float)
        y_month = np.array([row["precipitation"] > 0 for row in rows], dtype=float)
        monthly.append({"month": f"{month}-01", "accuracy_percent": 100 * accuracy(rain_params, X_month, y_month)})

    reference = {
        "generated_by": "scripts/fit-reference.py",
        "numpy_version": np.__version__,
        "penguin_species_classifier": penguin_model,
        "seattle_rain_predictor": rain_model,
        "seattle_monthly_accuracy": monthly,
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(reference, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
