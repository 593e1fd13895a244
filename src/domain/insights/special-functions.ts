/**
 * The two special functions the purchase-rhythm models need, written here because no
 * maintained npm package offers them in a form the browser build can share: the
 * logarithm of the gamma function (every likelihood is a ratio of gamma functions that
 * overflows long before it is interesting) and the Gauss hypergeometric function 2F1
 * (the BG/NBD conditional expectation). Pure arithmetic, no I/O.
 */

// Lanczos approximation with g = 7 and nine coefficients (the set published by Godfrey and
// used in Numerical Recipes' successors): relative error about 1e-15 over x > 0, which is
// more than the fits need and keeps the code short.
const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/**
 * ln Γ(x) for x > 0 (NaN for x ≤ 0 or NaN: the models only ever need positive
 * arguments, and a NaN is caught by the caller's finiteness check rather than hidden).
 */
export function logGamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  // The series below is accurate for x ≥ 0.5; below that the reflection formula
  // Γ(x)Γ(1−x) = π / sin(πx) moves the work to 1 − x, where it is.
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let series = LANCZOS_COEFFICIENTS[0] as number;
  for (let i = 1; i < LANCZOS_COEFFICIENTS.length; i++) {
    series += (LANCZOS_COEFFICIENTS[i] as number) / (z + i);
  }
  const t = z + LANCZOS_G + 0.5;
  // Γ(z+1) = √(2π) t^(z+½) e^(−t) · series, taken in logs so that large x cannot overflow.
  return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(series);
}

/** ln B(a, b), the log of the beta function, through logGamma. */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

export interface Hyp2f1Options {
  /** Stop when the estimated remainder is below this fraction of the sum. */
  readonly tolerance?: number;
  /** Give up (NaN) after this many terms rather than loop for ever near |z| = 1. */
  readonly maxTerms?: number;
}

export interface Hyp2f1Result {
  /** The value, or NaN when the series did not converge within maxTerms. */
  readonly value: number;
  readonly terms: number;
  readonly converged: boolean;
}

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) = Σ (a)ₖ(b)ₖ / ((c)ₖ k!) zᵏ, summed
 * term by term for |z| < 1, with what happened reported. Each term is the previous one
 * times (a+k)(b+k) z / ((c+k)(k+1)). The terms may grow for a while (large a, b), so a small
 * term alone proves nothing; the sum stops only when the whole remainder is provably small
 * (see futureRatioBound).
 */
export function hyp2f1Series(
  a: number,
  b: number,
  c: number,
  z: number,
  options: Hyp2f1Options = {},
): Hyp2f1Result {
  const tolerance = options.tolerance ?? 1e-15;
  const maxTerms = options.maxTerms ?? 100_000;
  const fail = (terms: number): Hyp2f1Result => ({ value: Number.NaN, terms, converged: false });
  if (![a, b, c, z].every(Number.isFinite) || !(Math.abs(z) < 1)) return fail(0);
  // c = 0, −1, −2, … makes a denominator vanish: the function is not defined there.
  if (c <= 0 && Number.isInteger(c)) return fail(0);
  let term = 1;
  let sum = 1;
  for (let k = 0; k < maxTerms; k++) {
    const ratio = (((a + k) * (b + k)) / ((c + k) * (k + 1))) * z;
    term *= ratio;
    sum += term;
    // a or b a non-positive integer: the series is a polynomial and has ended exactly.
    if (term === 0) return { value: sum, terms: k + 1, converged: true };
    if (!Number.isFinite(sum)) return fail(k + 1);
    const rho = futureRatioBound(a, b, c, z, k + 1);
    if (rho < 1 && (Math.abs(term) * rho) / (1 - rho) <= tolerance * Math.abs(sum)) {
      return { value: sum, terms: k + 1, converged: true };
    }
  }
  return fail(maxTerms);
}

/**
 * An upper bound on |ratio| for every term from index k on, or Infinity when none is known.
 * With a+k, b+k, c+k all positive, (a+j)/(j+1) and (b+j)/(c+j) are each monotone in j and
 * tend to 1, so neither exceeds the larger of its value at k and 1: the remainder after
 * the current term is then at most term · ρ / (1 − ρ), a geometric series.
 */
function futureRatioBound(a: number, b: number, c: number, z: number, k: number): number {
  if (!(a + k > 0 && b + k > 0 && c + k > 0)) return Number.POSITIVE_INFINITY;
  return Math.abs(z) * Math.max((a + k) / (k + 1), 1) * Math.max((b + k) / (c + k), 1);
}

/** 2F1(a, b; c; z) for |z| < 1, or NaN when the series does not converge. */
export function hyp2f1(a: number, b: number, c: number, z: number, options?: Hyp2f1Options) {
  return hyp2f1Series(a, b, c, z, options).value;
}

/**
 * ln(eᵘ + eᵛ) without overflow: the larger exponent is taken out first. The
 * likelihoods add two probabilities that are each far below the smallest double.
 */
export function logSumExp(u: number, v: number): number {
  const high = Math.max(u, v);
  if (high === Number.NEGATIVE_INFINITY) return Number.NEGATIVE_INFINITY;
  return high + Math.log(Math.exp(u - high) + Math.exp(v - high));
}
