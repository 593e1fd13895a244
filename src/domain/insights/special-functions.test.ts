import { describe, expect, it } from 'vitest';
import { hyp2f1, hyp2f1Series, logBeta, logGamma, logSumExp } from './special-functions.ts';

const relativeError = (actual: number, expected: number) =>
  Math.abs(actual - expected) / Math.abs(expected);

describe('log-gamma', () => {
  it('gives ln √π at one half', () => {
    expect(relativeError(logGamma(0.5), Math.log(Math.sqrt(Math.PI)))).toBeLessThan(1e-14);
  });

  it('gives ln (n−1)! at the integers', () => {
    let factorial = 1;
    for (let n = 2; n <= 30; n++) {
      factorial *= n - 1;
      const expected = Math.log(factorial);
      // ln Γ(2) = 0: there only the absolute error means anything.
      if (n === 2) expect(Math.abs(logGamma(n))).toBeLessThan(1e-15);
      else expect(relativeError(logGamma(n), expected)).toBeLessThan(1e-14);
    }
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-15);
  });

  it('is right at half-integers, small arguments and large ones', () => {
    // Γ(7/2) = 15√π / 8
    expect(relativeError(logGamma(3.5), Math.log((15 * Math.sqrt(Math.PI)) / 8))).toBeLessThan(
      1e-14,
    );
    // Γ(x) ≈ 1/x − γ for small x: ln Γ(1e-8) = −ln(1e-8) − γ·1e-8 to double precision.
    const eulerGamma = 0.5772156649015329;
    expect(relativeError(logGamma(1e-8), -Math.log(1e-8) - eulerGamma * 1e-8)).toBeLessThan(1e-14);
    // ln Γ(1e6) from Stirling's series, which is exact to double precision that far out.
    const x = 1e6;
    const stirling = (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x);
    expect(relativeError(logGamma(x), stirling)).toBeLessThan(1e-14);
  });

  it('refuses arguments the models never need', () => {
    expect(logGamma(0)).toBeNaN();
    expect(logGamma(-1.5)).toBeNaN();
    expect(logGamma(Number.NaN)).toBeNaN();
  });

  it('gives the log of the beta function', () => {
    // B(2, 3) = 1! 2! / 4! = 1/12
    expect(logBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 14);
  });
});

describe('the hypergeometric series 2F1', () => {
  it('matches closed forms', () => {
    for (const z of [-0.9, -0.3, 0.01, 0.4, 0.8, 0.95]) {
      // 2F1(1, 1; 2; z) = −ln(1 − z) / z
      expect(relativeError(hyp2f1(1, 1, 2, z), -Math.log(1 - z) / z)).toBeLessThan(1e-13);
      // 2F1(a, b; b; z) = (1 − z)^(−a)
      expect(relativeError(hyp2f1(0.7, 3.2, 3.2, z), (1 - z) ** -0.7)).toBeLessThan(1e-13);
      // 2F1(½, 1; 3/2; −z²) = arctan(z) / z
      expect(relativeError(hyp2f1(0.5, 1, 1.5, -z * z), Math.atan(z) / z)).toBeLessThan(1e-13);
    }
  });

  it('ends a terminating series exactly', () => {
    // 2F1(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1))
    const value = hyp2f1(-2, 3, 4, 0.5);
    expect(value).toBeCloseTo(1 - (2 * 3 * 0.5) / 4 + (3 * 4 * 0.25) / (4 * 5), 15);
  });

  it('does not stop early when the terms grow before they shrink', () => {
    // Large a, b: the terms rise for about a hundred steps. Euler's transformation gives
    // 2F1(a, b; c; z) = (1 − z)^(c−a−b) 2F1(c−a, c−b; c; z), a quickly converging check.
    const [a, b, c, z] = [100.3, 101.2, 100.9, 0.5];
    const direct = hyp2f1(a, b, c, z);
    const transformed = (1 - z) ** (c - a - b) * hyp2f1(c - a, c - b, c, z);
    expect(relativeError(direct, transformed)).toBeLessThan(1e-12);
    // A tiny first ratio followed by large ones must not pass for convergence either.
    expect(relativeError(hyp2f1(1e-9, 1000, 1, 0.5), 1 + 1e-9 * 1000 * 0.5)).toBeGreaterThan(1e-3);
  });

  it('reports failure instead of looping for ever', () => {
    const slow = hyp2f1Series(1, 1, 2, 0.999999, { maxTerms: 1000 });
    expect(slow).toEqual({ value: Number.NaN, terms: 1000, converged: false });
    expect(hyp2f1(1, 1, 2, 1)).toBeNaN();
    expect(hyp2f1(1, 1, -2, 0.5)).toBeNaN();
    expect(hyp2f1(Number.NaN, 1, 2, 0.5)).toBeNaN();
  });
});

describe('log-sum-exp', () => {
  it('adds probabilities far below the smallest double', () => {
    expect(logSumExp(-2000, -2000)).toBeCloseTo(-2000 + Math.log(2), 12);
    expect(logSumExp(-Infinity, -5)).toBe(-5);
    expect(logSumExp(-Infinity, -Infinity)).toBe(-Infinity);
  });
});
