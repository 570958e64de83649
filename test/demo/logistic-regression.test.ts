import t, { type Test } from 'tap';
import { fitLogisticRegression, LogisticRegressionError, predictProbability } from '../../src/demo/logistic-regression.js';

/** Asserts |actual - expected| <= relativeTolerance × |expected|. */
function assertClose(t: Test, actual: number, expected: number, relativeTolerance: number, label: string): void {
  const difference = Math.abs(actual - expected);
  t.ok(difference <= relativeTolerance * Math.abs(expected), `${label}: ${actual} is within relative ${relativeTolerance} of ${expected}`);
}

/** Expands (x, y, count) groups into rows. */
function expand(groups: [number, number, number][]): { features: number[][]; outcomes: number[] } {
  const features: number[][] = [];
  const outcomes: number[] = [];
  for (const [x, y, count] of groups) {
    for (let i = 0; i < count; i++) {
      features.push([x]);
      outcomes.push(y);
    }
  }
  return { features, outcomes };
}

function failureReason(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof LogisticRegressionError) return error.reason;
    throw error;
  }
  return undefined;
}

t.test('binary feature matches closed form', async (t) => {
  // With one 0/1 feature the MLE reproduces each group's log-odds: x = 0 has 3 of 10 positive,
  // x = 1 has 7 of 10, so intercept = log(3/7) and slope = log(7/3) - log(3/7). The inverse
  // Fisher information gives var(intercept) = 1/3 + 1/7 and var(slope) = 2 (1/3 + 1/7).
  const { features, outcomes } = expand([
    [0, 1, 3],
    [0, 0, 7],
    [1, 1, 7],
    [1, 0, 3],
  ]);
  const fit = fitLogisticRegression(features, outcomes);

  assertClose(t, fit.intercept, Math.log(3 / 7), 1e-10, 'intercept');
  assertClose(t, fit.coefficients[0]!, 2 * Math.log(7 / 3), 1e-10, 'slope');
  assertClose(t, fit.interceptVariance, 1 / 3 + 1 / 7, 1e-10, 'intercept variance');
  assertClose(t, fit.coefficientVariance[0]!, 2 * (1 / 3 + 1 / 7), 1e-10, 'slope variance');
  assertClose(t, fit.covariance[0]![1]!, -(1 / 3 + 1 / 7), 1e-10, 'covariance');
  t.equal(fit.covariance[0]![1], fit.covariance[1]![0], 'covariance matrix is symmetric');
  const expectedLogLikelihood = 2 * (3 * Math.log(0.3) + 7 * Math.log(0.7));
  assertClose(t, fit.logLikelihood, expectedLogLikelihood, 1e-12, 'log-likelihood');
  t.equal(fit.converged, true);
  t.ok(fit.iterations >= 1 && fit.iterations < 20, `iterations ${fit.iterations}`);
  assertClose(t, predictProbability(fit, [1]), 0.7, 1e-10, 'P(y = 1 | x = 1)');
});

t.test('coefficients are on the original scale', async (t) => {
  // Scaling a feature by 1000 divides its coefficient by 1000 and its variance by 1000².
  const features = [[1.2], [2.3], [0.7], [3.1], [2.2], [1.9], [2.8], [0.4], [1.5], [2.6]];
  const outcomes = [0, 1, 0, 1, 0, 1, 1, 0, 1, 0];
  const fit = fitLogisticRegression(features, outcomes);
  const scaled = fitLogisticRegression(
    features.map(([x]) => [x! * 1000]),
    outcomes,
  );
  assertClose(t, scaled.coefficients[0]!, fit.coefficients[0]! / 1000, 1e-9, 'scaled slope');
  assertClose(t, scaled.coefficientVariance[0]!, fit.coefficientVariance[0]! / 1e6, 1e-9, 'scaled slope variance');
  assertClose(t, scaled.intercept, fit.intercept, 1e-9, 'intercept unchanged');
});

t.test('complete separation is rejected', async (t) => {
  const reason = failureReason(() => fitLogisticRegression([[1], [2], [3], [4]], [0, 0, 1, 1]));
  t.equal(reason, 'separation');
  t.throws(() => fitLogisticRegression([[1], [2], [3], [4]], [0, 0, 1, 1]), /completely separated/);
});

t.test('quasi-complete separation is rejected', async (t) => {
  // x = 3 has one row of each class; every other row is separated at x = 3.
  const features = [[1], [2], [3], [3], [4], [5]];
  const outcomes = [0, 0, 0, 1, 1, 1];
  t.equal(failureReason(() => fitLogisticRegression(features, outcomes)), 'separation', 'default limit: probabilities saturate');
  t.throws(() => fitLogisticRegression(features, outcomes), /quasi-completely separated/);
  t.equal(
    failureReason(() => fitLogisticRegression(features, outcomes, { maxIterations: 10 })),
    'non-convergence',
    'low limit: iterations run out first',
  );
  t.throws(() => fitLogisticRegression(features, outcomes, { maxIterations: 10 }), /did not converge within 10 iterations/);
});

t.test('iteration limit rejects slow fit', async (t) => {
  const features = [[1.2], [2.3], [0.7], [3.1], [2.2], [1.9], [2.8], [0.4], [1.5], [2.6]];
  const outcomes = [0, 1, 0, 1, 0, 1, 1, 0, 1, 0];
  t.equal(failureReason(() => fitLogisticRegression(features, outcomes, { maxIterations: 1 })), 'non-convergence');
});

t.test('collinear features are rejected', async (t) => {
  const features = [
    [1, 2],
    [2, 4],
    [3, 6],
    [4, 8],
    [5, 10],
    [6, 12],
  ];
  const outcomes = [0, 1, 0, 1, 1, 0];
  t.equal(failureReason(() => fitLogisticRegression(features, outcomes)), 'singular-matrix');
  t.throws(() => fitLogisticRegression(features, outcomes), /collinear/);

  const constant = [[1], [1], [1], [1]];
  t.equal(failureReason(() => fitLogisticRegression(constant, [0, 1, 0, 1])), 'singular-matrix', 'constant column');
});

t.test('invalid input is rejected', async (t) => {
  const cases: [string, number[][], number[]][] = [
    ['no rows', [], []],
    ['length mismatch', [[1], [2], [3]], [0, 1]],
    ['too few rows', [[1], [2]], [0, 1]],
    ['ragged rows', [[1], [2, 3], [3], [4]], [0, 1, 0, 1]],
    ['non-finite feature', [[1], [Number.NaN], [3], [4]], [0, 1, 0, 1]],
    ['outcome not 0 or 1', [[1], [2], [3], [4]], [0, 2, 0, 1]],
    ['one class only', [[1], [2], [3], [4]], [1, 1, 1, 1]],
  ];
  for (const [name, features, outcomes] of cases) {
    t.equal(failureReason(() => fitLogisticRegression(features, outcomes)), 'invalid-input', name);
  }
});
