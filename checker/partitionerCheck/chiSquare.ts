/**
 * Pearson's chi-square test of observed counts against a uniform distribution, with the p-value
 * from the regularized upper incomplete gamma function Q(k/2, χ²/2). kmc's own implementation:
 * Lanczos approximation for ln Γ, the power series for P(a, x) below x < a + 1 and Lentz's
 * continued fraction for Q(a, x) above (the classic split, as in Numerical Recipes §6.2).
 */

const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const ITERATIONS_MAX = 10_000;
const EPSILON = 1e-15;
const TINY = 1e-300;

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma needs x > 0, got ${x}`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x); // reflection
  const z = x - 1;
  let sum = LANCZOS_COEFFICIENTS[0];
  for (let i = 1; i < LANCZOS_G + 2; i++) sum += LANCZOS_COEFFICIENTS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** P(a, x) by its power series; converges fast for x < a + 1. */
function lowerSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < ITERATIONS_MAX; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

/** Q(a, x) by its continued fraction (modified Lentz); converges fast for x ≥ a + 1. */
function upperContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < ITERATIONS_MAX; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/** The regularized lower incomplete gamma function P(a, x), a > 0, x ≥ 0. */
export function regularizedGammaP(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) throw new RangeError(`regularizedGammaP needs a > 0 and x >= 0, got a=${a}, x=${x}`);
  if (x === 0) return 0;
  if (x < a + 1) return lowerSeries(a, x);
  return 1 - upperContinuedFraction(a, x);
}

/** The regularized upper incomplete gamma function Q(a, x) = 1 − P(a, x), a > 0, x ≥ 0. */
export function regularizedGammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) throw new RangeError(`regularizedGammaQ needs a > 0 and x >= 0, got a=${a}, x=${x}`);
  if (x === 0) return 1;
  if (x < a + 1) return 1 - lowerSeries(a, x);
  return upperContinuedFraction(a, x);
}

export interface ChiSquareResult {
  statistic: number;
  degreesOfFreedom: number;
  /** Probability of a statistic at least this large if the counts were uniform. */
  pValue: number;
}

/** Pearson's chi-square of counts against equal expected counts (k − 1 degrees of freedom). */
export function chiSquareUniform(counts: readonly number[]): ChiSquareResult {
  const cells = counts.length;
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (cells < 2 || total === 0) return { statistic: 0, degreesOfFreedom: Math.max(0, cells - 1), pValue: 1 };
  const expected = total / cells;
  let statistic = 0;
  for (const count of counts) statistic += ((count - expected) * (count - expected)) / expected;
  const degreesOfFreedom = cells - 1;
  return { statistic, degreesOfFreedom, pValue: Math.min(1, Math.max(0, regularizedGammaQ(degreesOfFreedom / 2, statistic / 2))) };
}
