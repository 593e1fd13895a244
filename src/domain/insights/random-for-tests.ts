/**
 * A seeded random source for the models' simulation tests: the same draws on every run,
 * so a recovery test cannot pass or fail by luck. Not for anything but tests.
 */
export interface Random {
  uniform(): number;
  exponential(rate: number): number;
  /** Gamma with shape k and rate θ (mean k/θ). */
  gamma(shape: number, rate: number): number;
  beta(a: number, b: number): number;
}

export function seededRandom(seed: number): Random {
  // mulberry32: tiny, fast, and good enough for simulation tests.
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  // Marsaglia and Tsang (2000); shapes below 1 through the boost Gamma(k) = Gamma(k+1)·U^(1/k).
  const standardGamma = (shape: number): number => {
    if (shape < 1) return standardGamma(shape + 1) * uniform() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const z = normal();
      const v = (1 + c * z) ** 3;
      if (v > 0 && Math.log(uniform()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  return {
    uniform,
    exponential: (rate) => -Math.log(uniform()) / rate,
    gamma: (shape, rate) => standardGamma(shape) / rate,
    beta: (a, b) => {
      const x = standardGamma(a);
      return x / (x + standardGamma(b));
    },
  };
}
