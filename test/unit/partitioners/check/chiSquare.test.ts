import { describe, expect, it } from 'vitest';
import { chiSquareUniform, logGamma, regularizedGammaP, regularizedGammaQ } from '../../../../checker/partitionerCheck/chiSquare.ts';

describe('log Γ and the regularized incomplete gamma functions', () => {
  it('logGamma matches known values', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 8);
  });

  it('Q gives the chi-square critical p-values from the tables', () => {
    // Upper critical values of the chi-square distribution (NIST/SEMATECH e-Handbook, table 1.3.6.7.4).
    expect(regularizedGammaQ(1 / 2, 3.841 / 2)).toBeCloseTo(0.05, 4);
    expect(regularizedGammaQ(10 / 2, 18.307 / 2)).toBeCloseTo(0.05, 4);
    expect(regularizedGammaQ(11 / 2, 24.725 / 2)).toBeCloseTo(0.01, 4);
    expect(regularizedGammaQ(63 / 2, 82.529 / 2)).toBeCloseTo(0.05, 3);
  });

  it('P + Q = 1 on both sides of the series/continued-fraction split, and Q(1, x) = e^-x', () => {
    for (const [a, x] of [
      [0.5, 0.1],
      [3, 2],
      [3, 5],
      [20, 35],
    ]) {
      expect(regularizedGammaP(a, x) + regularizedGammaQ(a, x)).toBeCloseTo(1, 12);
    }
    expect(regularizedGammaQ(1, 7)).toBeCloseTo(Math.exp(-7), 14);
    expect(regularizedGammaQ(2, 0)).toBe(1);
    expect(() => regularizedGammaQ(0, 1)).toThrow(RangeError);
  });
});

describe('chiSquareUniform', () => {
  it('is 0 with p = 1 for perfectly even counts', () => {
    expect(chiSquareUniform([10, 10, 10])).toEqual({ statistic: 0, degreesOfFreedom: 2, pValue: 1 });
  });

  it('is Σ(O−E)²/E with k−1 degrees of freedom', () => {
    const result = chiSquareUniform([30, 0, 0]);
    expect(result.statistic).toBe(60);
    expect(result.degreesOfFreedom).toBe(2);
    expect(result.pValue).toBeCloseTo(Math.exp(-30), 20);
  });

  it('has nothing to test with one cell or no records', () => {
    expect(chiSquareUniform([7])).toEqual({ statistic: 0, degreesOfFreedom: 0, pValue: 1 });
    expect(chiSquareUniform([0, 0])).toEqual({ statistic: 0, degreesOfFreedom: 1, pValue: 1 });
  });
});
