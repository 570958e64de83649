// Binary logistic regression with an intercept, fitted by maximum likelihood with Newton's method
// (equivalently IRLS). Pure computation: no I/O and no Node imports.
//
// Conditioning: before iterating, the solver centres each feature column on its mean and divides it
// by its standard deviation. Raw columns such as body mass in grams (~4000) next to the intercept
// column (1) make the Fisher information badly conditioned. This is an exact linear
// reparametrisation of the same model, so the maximum-likelihood estimate is unchanged.
// Every returned number (intercept, coefficients, covariance) is on the original, unscaled
// feature scale, transformed back exactly.

export type LogisticRegressionFailure = 'invalid-input' | 'separation' | 'non-convergence' | 'singular-matrix';

/** Error thrown when the maximum-likelihood estimate cannot be computed. */
export class LogisticRegressionError extends Error {
  override name = 'LogisticRegressionError';
  readonly reason: LogisticRegressionFailure;

  constructor(reason: LogisticRegressionFailure, message: string) {
    super(message);
    this.reason = reason;
  }
}

export interface LogisticRegressionOptions {
  /** Maximum Newton iterations before failing with reason 'non-convergence'. Default 100. */
  maxIterations?: number;
  /**
   * Convergence threshold on the largest full Newton step of the standardised coefficients,
   * relative to max(1, largest standardised coefficient). Default 1e-10.
   */
  tolerance?: number;
}

export interface LogisticRegressionFit {
  intercept: number;
  /** One coefficient per feature column, on the original feature scale. */
  coefficients: number[];
  /**
   * Covariance of the estimates: the inverse Fisher information at the optimum, (p + 1) × (p + 1),
   * ordered [intercept, feature 1, ..., feature p].
   */
  covariance: number[][];
  interceptVariance: number;
  /** Diagonal of `covariance` for the feature coefficients, one entry per feature. */
  coefficientVariance: number[];
  /** Newton iterations taken. */
  iterations: number;
  /** Always true: the function throws instead of returning an unconverged fit. */
  converged: true;
  /** Log-likelihood at the optimum (natural log). */
  logLikelihood: number;
}

const DEFAULT_MAX_ITERATIONS = 100;
const DEFAULT_TOLERANCE = 1e-10;
const MAX_STEP_HALVINGS = 40;
/** Row weight p(1 - p) below which a fitted probability counts as 0 or 1. */
const SATURATED_WEIGHT = 1e-12;

/**
 * Fits P(y = 1 | x) = 1 / (1 + exp(-(intercept + coefficients · x))) by maximum likelihood.
 *
 * `features` has one row per observation and one column per feature, without an intercept column.
 * `outcomes` contains 0/1 (or false/true), one per row.
 * Throws LogisticRegressionError with `reason`:
 * - 'invalid-input' for empty, ragged or non-finite input, or outcomes of one class only;
 * - 'separation' when an iterate's linear predictor classifies every row correctly (complete
 *   separation, so no finite maximum exists), or when fitted probabilities reach 0 or 1 and make the
 *   Fisher information singular (quasi-complete separation);
 * - 'singular-matrix' for constant or collinear feature columns;
 * - 'non-convergence' when maxIterations pass first, as under quasi-complete separation with a low limit.
 */
export function fitLogisticRegression(
  features: readonly (readonly number[])[],
  outcomes: readonly (number | boolean)[],
  options: LogisticRegressionOptions = {},
): LogisticRegressionFit {
  const maxIterations = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const y = validateInput(features, outcomes);
  const { design, means, scales } = standardisedDesign(features);
  let beta = new Array<number>(scales.length + 1).fill(0);
  let logLikelihood = computeLogLikelihood(design, y, beta);

  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const { gradient, information } = scoreAndInformation(design, y, beta);
    const cholesky = choleskyDecompose(information);
    if (cholesky === undefined) throw singularInformationError(design, beta, iteration);
    const step = choleskySolve(cholesky, gradient);

    // The convergence test uses the full Newton step: near the optimum the log-likelihood changes by
    // less than its rounding error, so a halved step would look converged too early.
    const largestStep = Math.max(...step.map(Math.abs));
    let candidate = addScaled(beta, step, 1);
    let candidateLogLikelihood = computeLogLikelihood(design, y, candidate);
    const converged = largestStep <= tolerance * Math.max(1, ...candidate.map(Math.abs));

    // Step halving: far from the optimum, shorten the step while the log-likelihood drops by more
    // than its rounding error. Near the optimum a full Newton step gains less than that error.
    const roundingSlack = 1e-12 * (1 + Math.abs(logLikelihood));
    let scale = 1;
    for (
      let halving = 0;
      !converged && halving < MAX_STEP_HALVINGS && !(candidateLogLikelihood >= logLikelihood - roundingSlack);
      halving++
    ) {
      scale /= 2;
      candidate = addScaled(beta, step, scale);
      candidateLogLikelihood = computeLogLikelihood(design, y, candidate);
    }
    beta = candidate;
    logLikelihood = candidateLogLikelihood;

    // A finite maximum cannot exist when a linear predictor separates the two classes strictly.
    if (separatesStrictly(design, y, beta)) {
      throw new LogisticRegressionError(
        'separation',
        `The outcome is completely separated by a linear combination of the features (found at Newton iteration ${iteration}), ` +
          'so the maximum-likelihood estimate does not exist. Choose other features or outcome, or use a penalised fit.',
      );
    }

    if (converged) {
      return toOriginalScale(design, y, beta, means, scales, iteration, logLikelihood);
    }
  }

  throw new LogisticRegressionError(
    'non-convergence',
    `Newton iterations did not converge within ${maxIterations} iterations (log-likelihood ${logLikelihood}). ` +
      'Coefficients that keep growing indicate quasi-complete separation of the outcome by the features.',
  );
}

/** Returns the log-odds intercept + coefficients · row for one feature row under a fitted model. */
export function predictLogOdds(fit: Pick<LogisticRegressionFit, 'intercept' | 'coefficients'>, row: readonly number[]): number {
  if (row.length !== fit.coefficients.length) {
    throw new RangeError(`Feature row has ${row.length} values but the model has ${fit.coefficients.length} coefficients.`);
  }
  let eta = fit.intercept;
  for (let j = 0; j < row.length; j++) eta += fit.coefficients[j]! * row[j]!;
  return eta;
}

/** Returns P(y = 1) for one feature row under a fitted model. */
export function predictProbability(fit: Pick<LogisticRegressionFit, 'intercept' | 'coefficients'>, row: readonly number[]): number {
  return sigmoid(predictLogOdds(fit, row));
}

/**
 * Explains a singular Fisher information matrix. At the start (all weights 0.25) it can only come
 * from collinear features. Later it comes from rows whose fitted probability reached 0 or 1, which
 * is what diverging coefficients under quasi-complete separation produce.
 */
function singularInformationError(design: readonly number[][], beta: readonly number[], iteration: number): LogisticRegressionError {
  const saturatedRows = design.filter((row) => {
    const probability = sigmoid(linearPredictor(row, beta));
    return probability * (1 - probability) < SATURATED_WEIGHT;
  }).length;
  if (saturatedRows > 0) {
    return new LogisticRegressionError(
      'separation',
      `Fisher information matrix became singular at Newton iteration ${iteration} because ${saturatedRows} of ${design.length} rows ` +
        'have fitted probabilities of 0 or 1: the outcome is quasi-completely separated by the features, so the ' +
        'maximum-likelihood estimate does not exist. Choose other features or outcome, or use a penalised fit.',
    );
  }
  return new LogisticRegressionError(
    'singular-matrix',
    `Fisher information matrix is singular at Newton iteration ${iteration}: some feature columns are collinear. ` +
      'Remove the redundant features.',
  );
}

function validateInput(features: readonly (readonly number[])[], outcomes: readonly (number | boolean)[]): number[] {
  const n = features.length;
  if (n === 0) throw new LogisticRegressionError('invalid-input', 'No rows to fit: features is empty.');
  if (outcomes.length !== n) {
    throw new LogisticRegressionError('invalid-input', `features has ${n} rows but outcomes has ${outcomes.length} values.`);
  }
  const p = features[0]!.length;
  if (n <= p + 1) {
    throw new LogisticRegressionError('invalid-input', `Need more rows than parameters: ${n} rows for ${p} features plus an intercept.`);
  }
  features.forEach((row, i) => {
    if (row.length !== p) {
      throw new LogisticRegressionError('invalid-input', `Row ${i} has ${row.length} features, expected ${p}.`);
    }
    row.forEach((value, j) => {
      if (!Number.isFinite(value)) {
        throw new LogisticRegressionError('invalid-input', `Feature ${j} of row ${i} is not a finite number: ${value}.`);
      }
    });
  });
  const y = outcomes.map((value, i) => {
    const numeric = typeof value === 'boolean' ? Number(value) : value;
    if (numeric !== 0 && numeric !== 1) {
      throw new LogisticRegressionError('invalid-input', `Outcome of row ${i} must be 0 or 1, got ${String(value)}.`);
    }
    return numeric;
  });
  const positives = y.filter((value) => value === 1).length;
  if (positives === 0 || positives === n) {
    throw new LogisticRegressionError('invalid-input', `Every outcome is ${y[0]}: the fit needs rows of both classes.`);
  }
  return y;
}

/** Builds the design matrix [1, (x - mean) / sd] and returns the column means and standard deviations used. */
function standardisedDesign(features: readonly (readonly number[])[]): { design: number[][]; means: number[]; scales: number[] } {
  const n = features.length;
  const p = features[0]!.length;
  const means = new Array<number>(p).fill(0);
  const scales = new Array<number>(p).fill(0);
  for (let j = 0; j < p; j++) {
    let sum = 0;
    for (const row of features) sum += row[j]!;
    const mean = sum / n;
    let squares = 0;
    for (const row of features) squares += (row[j]! - mean) ** 2;
    const sd = Math.sqrt(squares / n);
    if (!(sd > 0)) {
      throw new LogisticRegressionError(
        'singular-matrix',
        `Feature column ${j} is constant (every value is ${mean}), so it is collinear with the intercept. Remove it.`,
      );
    }
    means[j] = mean;
    scales[j] = sd;
  }
  const design = features.map((row) => [1, ...row.map((value, j) => (value - means[j]!) / scales[j]!)]);
  return { design, means, scales };
}

function sigmoid(eta: number): number {
  if (eta >= 0) return 1 / (1 + Math.exp(-eta));
  const e = Math.exp(eta);
  return e / (1 + e);
}

/** Returns log(1 + exp(x)) without overflow. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

function linearPredictor(row: readonly number[], beta: readonly number[]): number {
  let eta = 0;
  for (let j = 0; j < beta.length; j++) eta += row[j]! * beta[j]!;
  return eta;
}

function computeLogLikelihood(design: readonly number[][], y: readonly number[], beta: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < design.length; i++) {
    const eta = linearPredictor(design[i]!, beta);
    // log P(y = 1) = -softplus(-eta) and log P(y = 0) = -softplus(eta), with no cancellation at large |eta|.
    total -= y[i] === 1 ? softplus(-eta) : softplus(eta);
  }
  return total;
}

/** Gradient X'(y - p) and Fisher information X'WX with W = diag(p(1 - p)). */
function scoreAndInformation(
  design: readonly number[][],
  y: readonly number[],
  beta: readonly number[],
): { gradient: number[]; information: number[][] } {
  const k = beta.length;
  const gradient = new Array<number>(k).fill(0);
  const information = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < design.length; i++) {
    const row = design[i]!;
    const probability = sigmoid(linearPredictor(row, beta));
    const residual = y[i]! - probability;
    const weight = probability * (1 - probability);
    for (let a = 0; a < k; a++) {
      gradient[a]! += row[a]! * residual;
      const informationRow = information[a]!;
      for (let b = 0; b <= a; b++) informationRow[b]! += weight * row[a]! * row[b]!;
    }
  }
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) information[a]![b] = information[b]![a]!;
  }
  return { gradient, information };
}

function separatesStrictly(design: readonly number[][], y: readonly number[], beta: readonly number[]): boolean {
  for (let i = 0; i < design.length; i++) {
    const eta = linearPredictor(design[i]!, beta);
    if (y[i] === 1 ? !(eta > 0) : !(eta < 0)) return false;
  }
  return true;
}

function addScaled(base: readonly number[], step: readonly number[], scale: number): number[] {
  return base.map((value, j) => value + scale * step[j]!);
}

/**
 * Lower-triangular L with L L' = matrix, or undefined when the matrix is not numerically positive
 * definite (a pivot at or below 1e-12 times the largest diagonal entry).
 */
function choleskyDecompose(matrix: readonly number[][]): number[][] | undefined {
  const k = matrix.length;
  const largestDiagonal = Math.max(...matrix.map((row, i) => Math.abs(row[i]!)));
  const threshold = 1e-12 * largestDiagonal;
  const lower = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i]![j]!;
      for (let m = 0; m < j; m++) sum -= lower[i]![m]! * lower[j]![m]!;
      if (i === j) {
        if (!(sum > threshold)) return undefined;
        lower[i]![i] = Math.sqrt(sum);
      } else {
        lower[i]![j] = sum / lower[j]![j]!;
      }
    }
  }
  return lower;
}

function choleskySolve(lower: readonly number[][], rhs: readonly number[]): number[] {
  const k = lower.length;
  const forward = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++) {
    let sum = rhs[i]!;
    for (let m = 0; m < i; m++) sum -= lower[i]![m]! * forward[m]!;
    forward[i] = sum / lower[i]![i]!;
  }
  const solution = new Array<number>(k).fill(0);
  for (let i = k - 1; i >= 0; i--) {
    let sum = forward[i]!;
    for (let m = i + 1; m < k; m++) sum -= lower[m]![i]! * solution[m]!;
    solution[i] = sum / lower[i]![i]!;
  }
  return solution;
}

function invertPositiveDefinite(lower: readonly number[][]): number[][] {
  const k = lower.length;
  // Solving against unit vector e_j gives column j of the inverse.
  const columns = Array.from({ length: k }, (_, j) => choleskySolve(lower, Array.from({ length: k }, (_, i) => (i === j ? 1 : 0))));
  return transpose(columns);
}

/**
 * Maps standardised estimates back to the original feature scale. With T the Jacobian of the
 * reparametrisation (intercept = b0 - Σ b_j m_j / s_j, coefficient_j = b_j / s_j), the
 * covariance is T C T', where C is the inverse Fisher information on the standardised scale.
 */
function toOriginalScale(
  design: readonly number[][],
  y: readonly number[],
  beta: readonly number[],
  means: readonly number[],
  scales: readonly number[],
  iterations: number,
  logLikelihood: number,
): LogisticRegressionFit {
  const k = beta.length;
  const { information } = scoreAndInformation(design, y, beta);
  const cholesky = choleskyDecompose(information);
  if (cholesky === undefined) throw singularInformationError(design, beta, iterations);
  const standardisedCovariance = invertPositiveDefinite(cholesky);

  const transform = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  transform[0]![0] = 1;
  for (let j = 1; j < k; j++) {
    transform[0]![j] = -means[j - 1]! / scales[j - 1]!;
    transform[j]![j] = 1 / scales[j - 1]!;
  }

  const coefficientsWithIntercept = transform.map((row) => row.reduce((sum, value, j) => sum + value * beta[j]!, 0));
  const covariance = multiply(multiply(transform, standardisedCovariance), transpose(transform));
  // Symmetrise away rounding differences between the two triangles.
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const average = (covariance[a]![b]! + covariance[b]![a]!) / 2;
      covariance[a]![b] = average;
      covariance[b]![a] = average;
    }
  }

  return {
    intercept: coefficientsWithIntercept[0]!,
    coefficients: coefficientsWithIntercept.slice(1),
    covariance,
    interceptVariance: covariance[0]![0]!,
    coefficientVariance: covariance.slice(1).map((row, j) => row[j + 1]!),
    iterations,
    converged: true,
    logLikelihood,
  };
}

function transpose(matrix: readonly number[][]): number[][] {
  return matrix[0]!.map((_, j) => matrix.map((row) => row[j]!));
}

function multiply(left: readonly number[][], right: readonly number[][]): number[][] {
  const inner = right.length;
  const columns = right[0]!.length;
  return left.map((row) => {
    const product = new Array<number>(columns).fill(0);
    for (let m = 0; m < inner; m++) {
      const value = row[m]!;
      const rightRow = right[m]!;
      for (let j = 0; j < columns; j++) product[j]! += value * rightRow[j]!;
    }
    return product;
  });
}
