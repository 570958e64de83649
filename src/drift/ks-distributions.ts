// Distribution of the one-sample Kolmogorov–Smirnov statistic D_n, two-sided (scipy.stats.kstwo)
// and one-sided (scipy.special.smirnov). The method choice follows Simard and L'Ecuyer (2011),
// "Computing the Two-Sided Kolmogorov-Smirnov Distribution", J. Stat. Softw. 39(11), with the
// same cut-offs as scipy 1.17's scipy/stats/_ksstats.py so that p-values agree with scipy.

import { logGamma, stirlingSeries } from './distributions.js';

const LOG_2PI = Math.log(2 * Math.PI);
const SQRT_2PI = Math.sqrt(2 * Math.PI);
const PI_SQUARED = Math.PI ** 2;
const PI_FOURTH = Math.PI ** 4;
const PI_SIXTH = Math.PI ** 6;
const SQRT3 = Math.sqrt(3);

// Intermediate results are rescaled by 2^±128 to stay inside the float64 exponent range.
const SCALE_EXPONENT = 128;
const SCALE_UP = 2 ** SCALE_EXPONENT;
const SCALE_DOWN = 2 ** -SCALE_EXPONENT;

// exp() of anything below this underflows to zero (scipy's _MIN_LOG).
const MIN_LOG = -708;
// Natural log of the smallest normal float64, the cephes MINLOG constant.
const CEPHES_MIN_LOG = -708.3964185322641;
// n above which scipy's smirnov switches to an approximation.
const SMIRNOV_MAX_COMPUTE_N = 1_000_000;

function clipProbability(p: number): number {
  return Math.min(1, Math.max(0, p));
}

// Multiplies by 2^exponent in steps of at most 2^1000, each of which is a finite float64.
function scaleByPowerOfTwo(value: number, exponent: number): number {
  let result = value;
  let remaining = exponent;
  while (remaining > 1000) {
    result *= 2 ** 1000;
    remaining -= 1000;
  }
  while (remaining < -1000) {
    result *= 2 ** -1000;
    remaining += 1000;
  }
  return result * 2 ** remaining;
}

// ln(n! / n^n) by Stirling's series with n ln n removed up front (no cancellation).
function logFactorialOverPower(n: number): number {
  return Math.log(n) / 2 - n + LOG_2PI / 2 + stirlingSeries(n);
}

function multiplySquare(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const product = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < m; j++) {
        product[i * m + j]! += aik * b[k * m + j]!;
      }
    }
  }
  return product;
}

/**
 * Computes P(D_n ≤ d) by Durbin's matrix algorithm in the form of Marsaglia, Tsang and Wang (2003),
 * "Evaluating Kolmogorov's Distribution", J. Stat. Softw. 8(18). Cost O(k³ log n) with k = ceil(n d).
 */
function durbinMatrixCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;

  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;

  // v[j] = (1 - h^(j+1)) / (j+1)!, w[j] = 1 / j!
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let factorialInverse = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = factorialInverse;
    factorialInverse /= j;
    v[j - 1] = (1 - h ** j) * factorialInverse;
  }
  const correction = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + correction) * factorialInverse;

  let matrix: Float64Array = new Float64Array(m * m);
  for (let i = 1; i < m; i++) {
    for (let row = i - 1; row < m; row++) {
      matrix[row * m + i] = w[row - (i - 1)]!;
    }
  }
  for (let row = 0; row < m; row++) {
    matrix[row * m] = v[row]!;
  }
  for (let column = 0; column < m; column++) {
    matrix[(m - 1) * m + column] = v[m - 1 - column]!;
  }

  // Binary powering of the matrix, with separate power-of-two exponents for the running factors.
  let power: Float64Array = new Float64Array(m * m);
  for (let i = 0; i < m; i++) power[i * m + i] = 1;
  let powerExponent = 0;
  let matrixExponent = 0;
  let remaining = n;
  while (remaining > 0) {
    if (remaining % 2 === 1) {
      power = multiplySquare(power, matrix, m);
      powerExponent += matrixExponent;
    }
    matrix = multiplySquare(matrix, matrix, m);
    matrixExponent *= 2;
    if (Math.abs(matrix[(k - 1) * m + (k - 1)]!) > SCALE_UP) {
      for (let i = 0; i < matrix.length; i++) matrix[i]! /= SCALE_UP;
      matrixExponent += SCALE_EXPONENT;
    }
    remaining = Math.floor(remaining / 2);
  }

  // Multiply by n! / n^n.
  let p = power[(k - 1) * m + (k - 1)]!;
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < SCALE_DOWN) {
      p *= SCALE_UP;
      powerExponent -= SCALE_EXPONENT;
    }
  }
  if (powerExponent !== 0) {
    p = scaleByPowerOfTwo(p, powerExponent);
  }
  return clipProbability(p);
}

// Row bounds of the Pomeranz recursion, as in scipy's _pomeranz_compute_j1j2.
function pomeranzRowBounds(i: number, n: number, ll: number, ceilF: number, roundF: number): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilF - 1;
    j2 = ll + ceilF - 1;
  } else {
    const half = Math.floor((i + 1) / 2);
    const iIsOdd = (i + 1) % 2 === 0;
    if (iIsOdd && half === n + 1) {
      j1 = n - ll - ceilF - 1;
      j2 = n + ll + ceilF - 1;
    } else if (iIsOdd) {
      j1 = half - 1 - ll - roundF - 1;
      j2 = half + ll - 1 + ceilF - 1;
    } else {
      j1 = half - 1 - ll - 1;
      j2 = half + ll + roundF - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

function poissonLikePowers(rate: number, count: number): Float64Array {
  // rate^m / m!, the Poisson probabilities without the exp(-rate) factor.
  const powers = new Float64Array(count);
  powers[0] = 1;
  for (let m = 1; m < count; m++) {
    powers[m] = (powers[m - 1]! * rate) / m;
  }
  return powers;
}

/**
 * Computes P(D_n ≤ x) by the Pomeranz recursion: Pomeranz (1974), "Exact Cumulative Distribution
 * of the Kolmogorov-Smirnov Statistic for Small Samples", CACM 17(12), Algorithm 487.
 */
function pomeranzCdf(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilF = f > 0 ? 1 : 0;
  const roundF = f > 0.5 ? 1 : 0;
  const powerCount = 2 * (ll + 1);

  const gPowers = poissonLikePowers(g / n, powerCount);
  const twoGPowers = poissonLikePowers((2 * g) / n, powerCount);
  const oneMinusTwoGPowers = poissonLikePowers((1 - 2 * g) / n, powerCount);

  let previous = new Float64Array(powerCount);
  let current = new Float64Array(powerCount);
  current[0] = 1;
  let previousStart = 0;
  let currentStart = 0;
  let exponent = 0;

  let [j1, j2] = pomeranzRowBounds(0, n, ll, ceilF, roundF);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [previous, current] = [current, previous];
    [previousStart, currentStart] = [currentStart, previousStart];
    current.fill(0);
    [j1, j2] = pomeranzRowBounds(i, n, ll, ceilF, roundF);

    let powers = i % 2 === 1 ? twoGPowers : oneMinusTwoGPowers;
    if (i === 1 || i === 2 * n + 1) {
      powers = gPowers;
    }

    const length = j2 - k1 + 1;
    if (length <= 0) continue;

    // Entries [j1 - k1, j2 - k1] of the full convolution of previous[k1 ...] with powers.
    const offset = k1 - previousStart;
    const available = Math.min(length, powerCount - offset);
    const powersLength = Math.min(length, powerCount);
    const convolutionStart = j1 - k1;
    const usedLength = j2 - j1 + 1;
    let maxValue = 0;
    for (let r = 0; r < usedLength; r++) {
      const index = convolutionStart + r;
      let sum = 0;
      const low = Math.max(0, index - (powersLength - 1));
      const high = Math.min(index, available - 1);
      for (let s = low; s <= high; s++) {
        sum += previous[offset + s]! * powers[index - s]!;
      }
      current[r] = sum;
      if (sum > maxValue) maxValue = sum;
    }
    if (maxValue > 0 && maxValue < SCALE_DOWN) {
      for (let r = 0; r < current.length; r++) current[r]! *= SCALE_UP;
      exponent -= SCALE_EXPONENT;
    }
    currentStart = previousStart + j1 - k1;
  }

  // Multiply by n!.
  let answer = current[n - currentStart]!;
  for (let m = 1; m <= n; m++) {
    if (Math.abs(answer) > SCALE_UP) {
      answer *= SCALE_DOWN;
      exponent += SCALE_EXPONENT;
    }
    answer *= m;
  }
  if (exponent !== 0) {
    answer = scaleByPowerOfTwo(answer, exponent);
  }
  return clipProbability(answer);
}

/**
 * Computes the Pelz–Good approximation of P(D_n ≤ x): Pelz and Good (1976), "Approximating the Lower
 * Tail-areas of the Kolmogorov-Smirnov One-sample Statistic", JRSS B 38(2). Not clipped.
 */
function pelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;

  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;

  const qLog = -PI_SQUARED / 8 / z2;
  if (qLog < MIN_LOG) return 0;
  let q = Math.exp(qLog);

  const k1a = -z2;
  const k1b = PI_SQUARED / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI_SQUARED) / 4;
  const k2c = (PI_FOURTH * (1 - 2 * z2)) / 16;
  const k3d = (PI_SIXTH * (5 - 30 * z2)) / 64;
  const k3c = (PI_FOURTH * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI_SQUARED * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;

  // Horner scheme over odd integers for Σ c_i q^(i²).
  const terms = [0, 0, 0, 0];
  const maxK = Math.ceil((16 * z) / Math.PI);
  for (let k = maxK; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const m4 = m2 * m2;
    const m6 = m4 * m2;
    const qPower = q ** (8 * k);
    const coefficients = [
      1,
      k1a + k1b * m2,
      k2a + k2b * m2 + k2c * m4,
      k3a + k3b * m2 + k3c * m4 + k3d * m6,
    ];
    for (let i = 0; i < 4; i++) {
      terms[i] = terms[i]! * qPower + coefficients[i]!;
    }
  }
  const divisors = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) {
    terms[i] = (terms[i]! * q * SQRT_2PI) / divisors[i]!;
  }

  // The sums over all integers k that enter K2 and K3.
  q = Math.exp(-PI_SQUARED / 2 / z2);
  const sqrt3z = SQRT3 * z;
  let k2Extra = 0;
  let k3Extra = 0;
  for (let k = maxK; k > 0; k--) {
    const k2 = k * k;
    const qPower = q ** k2;
    const kPi = Math.PI * k;
    k2Extra += k2 * qPower;
    k3Extra += (sqrt3z + kPi) * (sqrt3z - kPi) * k2 * qPower;
  }
  terms[2] = terms[2]! + (k2Extra * PI_SQUARED * SQRT_2PI) / (-36 * z ** 3);
  terms[3] = terms[3]! + (k3Extra * PI_SQUARED * SQRT_2PI) / (216 * z6);

  let sum = 0;
  for (let i = 0; i < 4; i++) {
    sum += terms[i]! / n ** (i / 2);
  }
  return sum;
}

/**
 * Computes the one-sided Smirnov survival function P(D_n+ ≥ x) (scipy.special.smirnov) from the
 * Birnbaum–Tingey sum Σ_{0 ≤ v < n(1-x)} C(n,v) x (x + v/n)^(v-1) (1 - x - v/n)^(n-v).
 * Every term is positive, so the sum is evaluated term by term in log space in float64; scipy uses
 * double-double arithmetic instead, and the two agree to about 1e-10 relative.
 */
export function smirnovSf(n: number, x: number): number {
  if (!(n > 0 && x >= 0 && x <= 1)) return Number.NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;

  const nx = n * x;
  if (nx <= 1) {
    return 1 - x * (1 + x) ** (n - 1);
  }
  if (-2 * n * x * x < CEPHES_MIN_LOG) return 0;
  if (Math.floor(nx) >= n - 1) return (1 - x) ** n;
  if (n > SMIRNOV_MAX_COMPUTE_N) {
    // scipy's approximation p ≈ exp(-(6nx + 1)² / 18n) for very large n.
    const logP = -((6 * nx + 1) ** 2) / 18 / n;
    return logP < -Math.LN2 ? Math.exp(logP) : 1 + Math.expm1(logP);
  }

  const logNFactorial = logGamma(n + 1);
  const logX = Math.log(x);
  const lastTerm = Math.ceil(n * (1 - x)) - 1;
  const half = Math.floor(n / 2);
  let sum = 0;
  for (let v = 0; v <= lastTerm; v++) {
    const lower = (n - v) / n - x;
    if (lower <= 0) break;

    const logBinomial = logNFactorial - logGamma(v + 1) - logGamma(n - v + 1);
    const logTerm = logBinomial + logX + (v - 1) * Math.log(x + v / n) + (n - v) * Math.log(lower);
    const term = Math.exp(logTerm);
    sum += term;

    // Same early stop as scipy: the remaining terms cannot change the sum in float64.
    if (term !== 0 && 4 * (lastTerm - v + 1) * term < Number.EPSILON * sum && v !== lastTerm) break;
    if (term === 0 && v > half) break;
  }
  return clipProbability(sum);
}

/**
 * Computes the survival function P(D_n ≥ x) of the two-sided one-sample Kolmogorov–Smirnov statistic,
 * as scipy.stats.kstwo.sf(x, n) in scipy 1.17, choosing among exact and approximate methods by n and n x².
 */
export function kolmogorovSmirnovSf(n: number, x: number): number {
  if (!Number.isInteger(n) || n <= 0) {
    throw new RangeError(`kolmogorovSmirnovSf needs a positive integer n, got ${n}`);
  }
  if (Number.isNaN(x)) return Number.NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;

  const t = n * x;
  if (t <= 1) {
    // Ruben–Gambino: P(D_n ≤ x) = n! / n^n (2t - 1)^n for 1/2n ≤ x ≤ 1/n.
    if (t <= 0.5) return 1;
    let cdf: number;
    if (n <= 140) {
      cdf = 1;
      for (let i = 1; i <= n; i++) cdf *= i * (1 / n) * (2 * t - 1);
    } else {
      cdf = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    }
    return clipProbability(1 - cdf);
  }
  if (t >= n - 1) {
    return clipProbability(2 * (1 - x) ** n);
  }
  if (x >= 0.5) {
    return clipProbability(2 * smirnovSf(n, x));
  }

  const nxSquared = t * x;
  if (n <= 140) {
    if (nxSquared <= 0.754693) return clipProbability(1 - durbinMatrixCdf(n, x));
    if (nxSquared <= 4) return clipProbability(1 - pomeranzCdf(n, x));
    return clipProbability(2 * smirnovSf(n, x));
  }

  if (nxSquared >= 370) return 0;
  if (nxSquared >= 2.2) return clipProbability(2 * smirnovSf(n, x));
  const cdf = n <= 100000 && n * x ** 1.5 <= 1.4 ? durbinMatrixCdf(n, x) : pelzGoodCdf(n, x);
  return clipProbability(1 - clipProbability(cdf));
}
