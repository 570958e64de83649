// Deterministic sample generator shared with scripts/drift-reference.py and scripts/bench-drift.py.
// It is a 32-bit linear congruential generator with the Numerical Recipes constants. Every step uses only
// +, *, / and floor on integers below 2^53, so JavaScript and Python produce identical float64 values.

const MULTIPLIER = 1664525;
const INCREMENT = 1013904223;
const MODULUS = 2 ** 32;

export interface SampleSpec {
  seed: number;
  n: number;
  shape: 'uniform' | 'irwin-hall' | 'integers';
  scale: number;
  shift: number;
  /** Number of integer levels for shape "integers". */
  levels: number;
}

/** Draws spec.n values: shift + scale × base, base uniform in (0, 1), a centred sum of four uniforms, or an integer level. */
export function lcgSample(spec: SampleSpec): Float64Array {
  let state = spec.seed % MODULUS;
  const uniform = (): number => {
    state = (MULTIPLIER * state + INCREMENT) % MODULUS;
    return (state + 0.5) / MODULUS;
  };

  const values = new Float64Array(spec.n);
  for (let i = 0; i < spec.n; i++) {
    let base: number;
    if (spec.shape === 'uniform') {
      base = uniform();
    } else if (spec.shape === 'irwin-hall') {
      base = uniform() + uniform() + uniform() + uniform() - 2.0;
    } else {
      base = Math.floor(uniform() * spec.levels);
    }
    values[i] = spec.shift + spec.scale * base;
  }
  return values;
}
