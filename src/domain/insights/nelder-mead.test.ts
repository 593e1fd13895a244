import { describe, expect, it } from 'vitest';
import { minimisePositive, nelderMead } from './nelder-mead.ts';

const rosenbrock = ([x = 0, y = 0]: readonly number[]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;

describe('Nelder–Mead', () => {
  it('finds the bottom of Rosenbrock’s banana valley from the classic start', () => {
    const result = nelderMead(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 5);
    expect(result.x[1]).toBeCloseTo(1, 5);
    expect(result.value).toBeLessThan(1e-10);
  });

  it('finds the centre of a tilted quadratic in four dimensions', () => {
    const centre = [3, -2, 0.5, 10];
    const quadratic = (x: readonly number[]) =>
      x.reduce((sum, xi, i) => sum + (i + 1) * (xi - (centre[i] as number)) ** 2, 0) +
      0.5 * ((x[0] as number) - 3) * ((x[1] as number) + 2);
    const result = nelderMead(quadratic, [0, 0, 0, 0]);
    expect(result.converged).toBe(true);
    result.x.forEach((xi, i) => expect(xi).toBeCloseTo(centre[i] as number, 5));
  });

  it('says when it ran out of iterations', () => {
    const result = nelderMead(rosenbrock, [-1.2, 1], { maxIterations: 10, restarts: 0 });
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(10);
    expect(Number.isFinite(result.value)).toBe(true);
  });

  it('steps away from points where the function is undefined', () => {
    // NaN left of 0.5: the minimiser must treat it as "worse", not stall on it.
    const f = ([x = 0]: readonly number[]) => (x < 0.5 ? Number.NaN : (x - 2) ** 2);
    const result = nelderMead(f, [1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(2, 5);
  });
});

describe('minimising over positive parameters', () => {
  it('stays positive and finds a minimum near zero on a log scale', () => {
    const seen: number[] = [];
    const f = ([a = 0, b = 0]: readonly number[]) => {
      seen.push(a, b);
      return (a - 0.01) ** 2 / 1e-4 + (b - 250) ** 2 / 1e4;
    };
    const result = minimisePositive(f, [1, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(0.01, 6);
    expect(result.x[1]).toBeCloseTo(250, 3);
    expect(seen.every((value) => value > 0)).toBe(true);
  });
});
