/**
 * What a fitted BG/NBD or MBG/NBD model (bg-nbd.ts) says about a customer: the chance
 * they are still a customer, how many purchases to expect from them, and their own
 * rhythm. Each formula follows the variant the parameters were fitted with.
 */
import type { BgNbdParams, Rfm } from './bg-nbd.ts';
import { hyp2f1 } from './special-functions.ts';

/**
 * ln of the odds that the customer dropped out just after their last purchase rather
 * than being alive at T: ln[ a/(b+x−1) · ((α+T)/(α+tx))^(r+x) ] (MBG: a/(b+x)). −∞ for a
 * BG/NBD customer with no repeat purchase, who cannot have dropped out.
 */
function logDropOutOdds(p: BgNbdParams, { x, tx, T }: Rfm): number {
  const denominator = p.variant === 'mbg' ? p.b + x : p.b + x - 1;
  if (p.variant === 'bg' && x === 0) return Number.NEGATIVE_INFINITY;
  return (
    Math.log(p.a) - Math.log(denominator) + (p.r + x) * Math.log((p.alpha + T) / (p.alpha + tx))
  );
}

/**
 * P(alive at T | x, tx, T) = 1 / (1 + drop-out odds). Under 'bg' a one-time buyer is
 * always 1 (the flaw the MBG/NBD default removes; see bg-nbd.ts).
 */
export function probabilityAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  // exp of a huge log-odds is +∞ and 1/(1+∞) is 0: right, and never NaN.
  return 1 / (1 + Math.exp(logDropOutOdds(p, { x, tx, T })));
}

/**
 * E[purchases in (T, T+t] | x, tx, T]: the conditional expectation (FHL 2005, eq. 10;
 * Batislam et al. 2007 for MBG). The paper's form has
 *   ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; z),  z = t/(α+T+t),
 * whose hypergeometric factor grows like (1−z)^−(r+x) and overflows for heavy buyers.
 * Euler's transformation 2F1(A, B; C; z) = (1−z)^(C−A−B) 2F1(C−A, C−B; C; z) turns the
 * product into (1−z)^(a−1) · 2F1(a+b−1−r, a−1; a+b+x−1; z): small first parameters, a
 * large third, a series that converges in a few terms. (MBG: b+x+1 and a+b+x, giving
 * 2F1(a+b−r, a−1; a+b+x; z).) NaN when the series does not converge (t ≫ α+T).
 */
export function expectedTransactions(
  p: BgNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  if (t === 0) return 0;
  // The formula divides by a−1; at a = 1 it is 0/0 with a finite limit. Averaging the
  // values just either side costs ~1e-10 in precision, far below what matters here.
  if (Math.abs(p.a - 1) < 1e-6) {
    const below = conditionalExpectation({ ...p, a: 1 - 1e-6 }, t, { x, tx, T });
    const above = conditionalExpectation({ ...p, a: 1 + 1e-6 }, t, { x, tx, T });
    return (below + above) / 2;
  }
  return conditionalExpectation(p, t, { x, tx, T });
}

function conditionalExpectation(p: BgNbdParams, t: number, c: Rfm): number {
  const { r, alpha, a, b } = p;
  const shift = p.variant === 'mbg' ? 1 : 0;
  const c2 = a + b + c.x - 1 + shift;
  const z = t / (alpha + c.T + t);
  const product = (1 - z) ** (a - 1) * hyp2f1(a + b - 1 + shift - r, a - 1, c2, z);
  const ifAlive = (c2 / (a - 1)) * (1 - product);
  return ifAlive / (1 + Math.exp(logDropOutOdds(p, c)));
}

/**
 * E[X(t)], purchases in the first t time units of a new customer's life (after the
 * first purchase): the conditional expectation for someone observed for no time at all,
 * which is exactly the paper's unconditional formula (FHL 2005, eq. 9). Summed over a
 * cohort by age it gives the model's total forecast for a period.
 */
export function expectedTransactionsNewCustomer(p: BgNbdParams, t: number): number {
  return expectedTransactions(p, t, 0, 0, 0);
}

/**
 * The customer's own typical gap between visits, in the summary's time unit: tx / x,
 * their active span divided by the number of gaps in it (x repeat purchases make x
 * gaps). Null for a one-time buyer, who has shown no rhythm yet.
 */
export function typicalGap(x: number, tx: number): number | null {
  return x > 0 ? tx / x : null;
}

const MS_PER_DAY = 86_400_000;

/**
 * The date a customer is due back by their own rhythm: their last purchase plus their
 * typical gap (rounded to whole days). Null for a one-time buyer.
 */
export function nextDue(input: {
  readonly lastPurchase: Date;
  readonly x: number;
  readonly tx: number;
  readonly unit: 'days' | 'weeks';
}): Date | null {
  const gap = typicalGap(input.x, input.tx);
  if (gap === null) return null;
  const days = Math.round(gap * (input.unit === 'weeks' ? 7 : 1));
  return new Date(input.lastPurchase.getTime() + days * MS_PER_DAY);
}
