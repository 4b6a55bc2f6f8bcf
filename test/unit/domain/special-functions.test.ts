import { describe, expect, it } from 'vitest';
import { hyp2f1, lnBeta, lnGamma } from '../../../src/domain/special-functions.ts';

/** |actual − expected| ≤ tolerance · max(1, |expected|). */
function expectClose(actual: number, expected: number, tolerance: number) {
  const error = Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
  expect(error, `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

describe('lnGamma', () => {
  it('gives ln (n−1)! at the positive integers', () => {
    let factorial = 1;
    for (let n = 1; n <= 30; n++) {
      expectClose(lnGamma(n), Math.log(factorial), 1e-14);
      factorial *= n;
    }
  });

  it('gives Γ(n + ½) = (2n)! √π / (4ⁿ n!) at the half-integers', () => {
    for (let n = 0; n <= 12; n++) {
      let ratio = 1; // (2n)! / (4ⁿ n!) = ∏_{k=1..n} (2k − 1) / 2
      for (let k = 1; k <= n; k++) ratio *= (2 * k - 1) / 2;
      expectClose(lnGamma(n + 0.5), Math.log(ratio * Math.sqrt(Math.PI)), 1e-14);
    }
  });

  it('matches classical constants and Stirling’s series', () => {
    expectClose(lnGamma(1 / 3), Math.log(2.678938534707747633), 1e-14);
    expectClose(lnGamma(1 / 4), Math.log(3.625609908221908312), 1e-14);
    expectClose(lnGamma(0.1), Math.log(9.513507698668731836), 1e-14);
    // mpmath 1.3, 30 digits: loggamma(1e-3), loggamma(1e5).
    expectClose(lnGamma(1e-3), 6.907178885383853683, 1e-14);
    expectClose(lnGamma(1e5), 1051287.708973656895, 1e-14);
    const x = 1e7; // Stirling's series is exact to ~1e-30 here.
    const stirling = (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x);
    expectClose(lnGamma(x), stirling, 1e-15);
  });

  it('keeps the recurrence ln Γ(x+1) = ln Γ(x) + ln x across the range', () => {
    for (const x of [1e-6, 0.01, 0.3, 0.5, 0.7, 1.5, 3.2, 17.9, 250.5, 4000.25]) {
      expect(lnGamma(x + 1) - lnGamma(x)).toBeCloseTo(Math.log(x), 10);
    }
  });

  it('gives ln |Γ| for negative non-integers and +∞ at the poles', () => {
    expectClose(lnGamma(-0.5), Math.log(2 * Math.sqrt(Math.PI)), 1e-14);
    expectClose(lnGamma(-2.5), Math.log((8 * Math.sqrt(Math.PI)) / 15), 1e-14);
    expect(lnGamma(0)).toBe(Infinity);
    expect(lnGamma(-3)).toBe(Infinity);
    expect(lnGamma(NaN)).toBeNaN();
  });

  it('builds ln B from it', () => {
    expectClose(lnBeta(2, 3), Math.log(1 / 12), 1e-14);
    expectClose(lnBeta(0.5, 0.5), Math.log(Math.PI), 1e-14);
  });
});

describe('hyp2f1', () => {
  it('matches closed forms', () => {
    for (const z of [-0.9, -0.5, 0.1, 0.5, 0.9, 0.99]) {
      expectClose(hyp2f1(1, 1, 2, z), -Math.log(1 - z) / z, 1e-13);
    }
    expectClose(hyp2f1(2.5, 1.7, 1.7, 0.3), Math.pow(0.7, -2.5), 1e-14);
    expectClose(hyp2f1(0.5, 0.5, 1.5, 0.49), Math.asin(0.7) / 0.7, 1e-14);
    expectClose(hyp2f1(0.5, 1, 1.5, -0.64), Math.atan(0.8) / 0.8, 1e-14);
  });

  it('matches reference values, including a negative c', () => {
    // mpmath 1.3, 30 digits: hyp2f1(0.5, 2.5, 1.7, 0.95), hyp2f1(-0.2, 1.3, -0.6, 0.4).
    expectClose(hyp2f1(0.5, 2.5, 1.7, 0.95), 19.17831793695434398, 1e-12);
    expectClose(hyp2f1(-0.2, 1.3, -0.6, 0.4), 1.50736819941084437, 1e-14);
  });

  it('stops a terminating series (a a negative integer)', () => {
    const [b, c, z] = [1.5, 2.5, 0.8];
    const polynomial = 1 - (2 * b * z) / c + (b * (b + 1) * z * z) / (c * (c + 1));
    expectClose(hyp2f1(-2, b, c, z), polynomial, 1e-15);
    expect(hyp2f1(3, 4, 5, 0)).toBe(1);
  });

  it('refuses what the series cannot give instead of returning a wrong sum', () => {
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, 2, -1.5)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow(/pole/);
    expect(() => hyp2f1(1, 1, 2, 0.999, { maxTerms: 100 })).toThrow(/did not converge/);
    expect(() => hyp2f1(NaN, 1, 2, 0.5)).toThrow(RangeError);
  });
});
