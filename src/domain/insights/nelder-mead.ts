/**
 * A derivative-free minimiser (Nelder and Mead 1965, with the usual reflection, expansion,
 * contraction and shrink steps as in Lagarias et al. 1998). The model likelihoods have
 * gradients, but writing and checking them for every model variant costs more than the
 * few hundred extra evaluations this needs for three or four parameters; and it shrugs
 * off the odd NaN from a hopeless corner of parameter space, which it treats as +∞.
 */

export interface NelderMeadOptions {
  /** Iterations (simplex updates) before giving up; the result then says not converged. */
  readonly maxIterations?: number;
  /** Converged when the simplex's function values lie within this of the best… */
  readonly functionTolerance?: number;
  /** …and its vertices within this of the best, in every coordinate. */
  readonly pointTolerance?: number;
  /** Size of the first simplex's step along each axis (default 0.1 + 5% of |x₀|). */
  readonly step?: number;
  /**
   * Restarts from the best point with a fresh simplex after convergence. A simplex can
   * collapse on a slope and stop short of the minimum; a restart that finds nothing
   * better is the cheap proof that it did not.
   */
  readonly restarts?: number;
}

export interface MinimiseResult {
  readonly x: number[];
  readonly value: number;
  readonly iterations: number;
  readonly converged: boolean;
}

interface Vertex {
  x: number[];
  value: number;
}

// The textbook coefficients: reflect, expand, contract, shrink.
const REFLECT = 1;
const EXPAND = 2;
const CONTRACT = 0.5;
const SHRINK = 0.5;

export function nelderMead(
  f: (x: readonly number[]) => number,
  x0: readonly number[],
  options: NelderMeadOptions = {},
): MinimiseResult {
  const maxIterations = options.maxIterations ?? 5000;
  const restarts = options.restarts ?? 2;
  // A NaN would make every comparison false and stall the simplex; +∞ just loses.
  const evaluate = (x: number[]): Vertex => {
    const value = f(x);
    return { x, value: Number.isNaN(value) ? Number.POSITIVE_INFINITY : value };
  };
  let best = evaluate([...x0]);
  let iterations = 0;
  let converged = false;
  for (let round = 0; round <= restarts && iterations < maxIterations; round++) {
    const run = simplexRun(evaluate, best.x, options, maxIterations - iterations);
    iterations += run.iterations;
    converged = run.converged;
    const improved = best.value - run.best.value;
    if (run.best.value <= best.value) best = run.best;
    const functionTolerance = options.functionTolerance ?? 1e-10;
    // A restart that improves by no more than the tolerance confirms the minimum.
    if (converged && round > 0 && improved <= functionTolerance) break;
  }
  return { x: best.x, value: best.value, iterations, converged };
}

function simplexRun(
  evaluate: (x: number[]) => Vertex,
  start: readonly number[],
  options: NelderMeadOptions,
  maxIterations: number,
): { best: Vertex; iterations: number; converged: boolean } {
  const functionTolerance = options.functionTolerance ?? 1e-10;
  const pointTolerance = options.pointTolerance ?? 1e-10;
  const n = start.length;
  const simplex: Vertex[] = [evaluate([...start])];
  for (let i = 0; i < n; i++) {
    const x = [...start];
    x[i] = (x[i] as number) + (options.step ?? 0.1 + 0.05 * Math.abs(x[i] as number));
    simplex.push(evaluate(x));
  }
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    simplex.sort((p, q) => p.value - q.value);
    const best = simplex[0] as Vertex;
    if (hasConverged(simplex, functionTolerance, pointTolerance)) {
      return { best, iterations: iteration, converged: true };
    }
    const worst = simplex[n] as Vertex;
    const secondWorst = simplex[n - 1] as Vertex;
    const centroid = centroidWithout(simplex, n);
    const along = (t: number) => centroid.map((c, i) => c + t * (c - (worst.x[i] as number)));
    const reflected = evaluate(along(REFLECT));
    if (reflected.value < best.value) {
      // Downhill all the way: try going twice as far.
      const expanded = evaluate(along(EXPAND));
      simplex[n] = expanded.value < reflected.value ? expanded : reflected;
    } else if (reflected.value < secondWorst.value) {
      simplex[n] = reflected;
    } else {
      // Reflection did not help: contract towards the better side (outside or inside).
      const outside = reflected.value < worst.value;
      const contracted = evaluate(along(outside ? CONTRACT : -CONTRACT));
      if (contracted.value < (outside ? reflected.value : worst.value)) {
        simplex[n] = contracted;
      } else {
        shrinkTowardsBest(simplex, evaluate);
      }
    }
  }
  simplex.sort((p, q) => p.value - q.value);
  return { best: simplex[0] as Vertex, iterations: maxIterations, converged: false };
}

function hasConverged(simplex: Vertex[], fTol: number, xTol: number): boolean {
  const best = simplex[0] as Vertex;
  return simplex.every(
    (v) =>
      // Two infinite values are equal but say nothing about convergence.
      Number.isFinite(v.value) &&
      Math.abs(v.value - best.value) <= fTol &&
      v.x.every((xi, i) => Math.abs(xi - (best.x[i] as number)) <= xTol),
  );
}

function centroidWithout(simplex: Vertex[], excluded: number): number[] {
  const n = (simplex[0] as Vertex).x.length;
  const centroid = new Array<number>(n).fill(0);
  simplex.forEach((v, index) => {
    if (index === excluded) return;
    v.x.forEach((xi, i) => (centroid[i] = (centroid[i] as number) + xi / (simplex.length - 1)));
  });
  return centroid;
}

function shrinkTowardsBest(simplex: Vertex[], evaluate: (x: number[]) => Vertex): void {
  const best = simplex[0] as Vertex;
  for (let k = 1; k < simplex.length; k++) {
    const v = simplex[k] as Vertex;
    simplex[k] = evaluate(
      v.x.map((xi, i) => (best.x[i] as number) + SHRINK * (xi - (best.x[i] as number))),
    );
  }
}

/**
 * Minimises over strictly positive parameters by searching their logarithms: every point
 * the simplex visits maps back to positive values, so no constraint handling is needed,
 * and parameters of very different sizes (a shape near 0.2, a scale near 100) move on the
 * same relative footing. The result's x is on the natural scale.
 */
export function minimisePositive(
  f: (params: readonly number[]) => number,
  start: readonly number[],
  options: NelderMeadOptions = {},
): MinimiseResult {
  const result = nelderMead((logs) => f(logs.map(Math.exp)), start.map(Math.log), {
    step: 0.5,
    ...options,
  });
  return { ...result, x: result.x.map(Math.exp) };
}
