/**
 * The Gamma–Gamma model of spend per transaction (Fader, Hardie and Lee 2005, "RFM and
 * CLV: using iso-value curves for customer base analysis", JMR 42(4); Fader and Hardie
 * 2013, "The Gamma-Gamma model of monetary value"), and a customer's expected value over
 * a horizon from it and a fitted purchase-rhythm model.
 *
 * Each transaction of a customer is gamma(p, ν); ν varies across customers as gamma(q, γ).
 * Given x repeat transactions with mean m̄ the model shrinks m̄ towards the population mean
 * p·γ/(q−1), the less so the more transactions back it up. It assumes spend does not
 * depend on how often a customer buys; only repeat transactions are used (the first
 * one's amount is often atypical), as in the papers.
 */
import { expectedTransactions, type BgNbdParams, type Rfm } from './bg-nbd.ts';
import { minimisePositive } from './nelder-mead.ts';
import { logGamma } from './special-functions.ts';

export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  /** γ (v in some texts): a scale in the money's own unit. */
  readonly v: number;
}

/** What the model needs of a customer: repeat transactions and their mean amount. */
export interface SpendSummary {
  readonly x: number;
  readonly monetary: number;
}

export interface GammaGammaFit {
  readonly params: GammaGammaParams;
  readonly logLikelihood: number;
  readonly converged: boolean;
  readonly iterations: number;
  /** Customers the fit used: those with x > 0 and a positive mean amount. */
  readonly customers: number;
}

export interface GammaGammaFitOptions {
  /** λ·(p² + q² + v²) on the mean negative log-likelihood, v in the internal scale. */
  readonly penalty?: number;
  readonly maxIterations?: number;
}

/** Customers grouped by x: the gamma-function terms depend on x only. */
interface SpendGroup {
  readonly x: number;
  readonly count: number;
  readonly sumLogM: number;
  /** m̄·x of each customer in the group. */
  readonly totals: number[];
}

function groupByX(customers: readonly SpendSummary[], scale: number): SpendGroup[] {
  const groups = new Map<number, { count: number; sumLogM: number; totals: number[] }>();
  for (const { x, monetary } of customers) {
    const m = monetary * scale;
    let group = groups.get(x);
    if (group === undefined) groups.set(x, (group = { count: 0, sumLogM: 0, totals: [] }));
    group.count += 1;
    group.sumLogM += Math.log(m);
    group.totals.push(m * x);
  }
  return [...groups].map(([x, group]) => ({ x, ...group }));
}

/**
 * ln L = Σ [ ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln v + (px−1) ln m̄ + px ln x
 *            − (px+q) ln(v + m̄x) ], over customers, summed per x.
 */
function groupedLogLikelihood({ p, q, v }: GammaGammaParams, groups: SpendGroup[]): number {
  let total = 0;
  for (const { x, count, sumLogM, totals } of groups) {
    const px = p * x;
    const perCustomer = logGamma(px + q) - logGamma(px) - logGamma(q) + q * Math.log(v);
    let sumLogDenominator = 0;
    for (const mx of totals) sumLogDenominator += Math.log(v + mx);
    total +=
      count * (perCustomer + px * Math.log(x)) + (px - 1) * sumLogM - (px + q) * sumLogDenominator;
  }
  return total;
}

/** Only customers the model describes: a repeat purchase and a positive mean spend. */
function usable(customers: readonly SpendSummary[]): SpendSummary[] {
  return customers.filter((c) => c.x > 0 && c.monetary > 0 && Number.isFinite(c.monetary));
}

export function gammaGammaLogLikelihood(
  params: GammaGammaParams,
  customers: readonly SpendSummary[],
): number {
  return groupedLogLikelihood(params, groupByX(usable(customers), 1));
}

/**
 * Fits p, q, v by maximum likelihood on the customers with x > 0 and a positive mean
 * spend (others are skipped: a zero mean has no likelihood under a gamma). Amounts are
 * rescaled internally so their mean is 10, which makes the all-ones start suit any
 * currency unit. `converged` is false when the optimiser gave up, nobody was usable, the
 * result is not finite, or q ≤ 1 (the population mean spend pv/(q−1) would not exist).
 * When customers' mean spends hardly differ beyond what their own purchases vary, the
 * likelihood keeps rising as p and q grow without bound (every customer the same): the
 * fit then runs out of iterations and says so. A small penalty (0.01) gives such data a
 * finite answer.
 */
export function fitGammaGamma(
  customers: readonly SpendSummary[],
  options: GammaGammaFitOptions = {},
): GammaGammaFit {
  const used = usable(customers);
  const penalty = options.penalty ?? 0;
  if (used.length === 0) {
    const params = { p: Number.NaN, q: Number.NaN, v: Number.NaN };
    return { params, logLikelihood: Number.NaN, converged: false, iterations: 0, customers: 0 };
  }
  const meanSpend = used.reduce((sum, c) => sum + c.monetary, 0) / used.length;
  const scale = 10 / meanSpend;
  const groups = groupByX(used, scale);
  const objective = ([p = 1, q = 1, v = 1]: readonly number[]) =>
    -groupedLogLikelihood({ p, q, v }, groups) / used.length + penalty * (p * p + q * q + v * v);
  const result = minimisePositive(objective, [1, 1, 1], {
    // Real fits take a few hundred; a fit that runs off (below) is better stopped early.
    maxIterations: options.maxIterations ?? 1000,
    functionTolerance: 1e-10,
    pointTolerance: 1e-6,
  });
  const [p = 1, q = 1, vScaled = 1] = result.x;
  // v is in money units: undo the rescaling.
  const params = { p, q, v: vScaled / scale };
  const logLikelihood = gammaGammaLogLikelihood(params, used);
  const finite = [p, q, params.v, logLikelihood].every(Number.isFinite);
  return {
    params,
    logLikelihood,
    converged: result.converged && finite && q > 1,
    iterations: result.iterations,
    customers: used.length,
  };
}

/**
 * E[spend per transaction | x, m̄] = (v + m̄x)·p / (px + q − 1): a weighted mean of the
 * population mean pv/(q−1) and the customer's own m̄, weighted towards m̄ as x grows. A
 * customer with no repeat purchase gets the population mean. NaN when q ≤ 1.
 */
export function expectedAverageSpend(params: GammaGammaParams, x: number, monetary: number) {
  const { p, q, v } = params;
  if (!(q > 1)) return Number.NaN;
  if (x === 0) return (p * v) / (q - 1);
  return ((v + monetary * x) * p) / (p * x + q - 1);
}

export interface ExpectedValueInput {
  readonly rhythm: BgNbdParams;
  readonly spend: GammaGammaParams;
  readonly customer: Rfm & SpendSummary;
  /** Length of a month in the rhythm model's time unit (30.4375 for days, 4.348 for weeks). */
  readonly unitsPerMonth: number;
  /** Horizon in months; default 12. */
  readonly months?: number;
  /** Monthly discount rate (0.01 for 1% a month); default 0, undiscounted. */
  readonly monthlyDiscountRate?: number;
}

/**
 * Expected value of a customer's purchases over the next months: expected purchases in
 * each month times expected spend per purchase, each month discounted by (1+d)^month
 * (undiscounted by default, when it is simply E[purchases in the horizon] × E[spend]).
 * NaN when either model cannot answer; the caller must not store that.
 */
export function expectedValue(input: ExpectedValueInput): number {
  const { rhythm, spend, customer, unitsPerMonth } = input;
  const months = input.months ?? 12;
  const rate = input.monthlyDiscountRate ?? 0;
  const averageSpend = expectedAverageSpend(spend, customer.x, customer.monetary);
  const upTo = (month: number) =>
    expectedTransactions(rhythm, month * unitsPerMonth, customer.x, customer.tx, customer.T);
  if (rate === 0) return upTo(months) * averageSpend;
  let value = 0;
  let previous = 0;
  for (let month = 1; month <= months; month++) {
    const cumulative = upTo(month);
    value += ((cumulative - previous) * averageSpend) / (1 + rate) ** month;
    previous = cumulative;
  }
  return value;
}
