import { describe, expect, it } from 'vitest';
import {
  customerLogLikelihood,
  expectedTransactions,
  expectedTransactionsNewCustomer,
  fitBgNbd,
  groupRfm,
  nextDue,
  probabilityAlive,
  totalLogLikelihood,
  typicalGap,
  type BgNbdParams,
  type Rfm,
  type RhythmVariant,
} from './bg-nbd.ts';
import { seededRandom } from './random-for-tests.ts';
import { hyp2f1, logBeta, logGamma } from './special-functions.ts';

const bg: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, variant: 'bg' };
const mbg: BgNbdParams = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614, variant: 'mbg' };

/** The paper's likelihood written out plainly (fine for small x), to check the log form. */
function plainLikelihood(p: BgNbdParams, { x, tx, T }: Rfm): number {
  const { r, alpha, a, b } = p;
  const nbd = (t: number) =>
    Math.exp(logGamma(r + x) - logGamma(r)) * alpha ** r * (alpha + t) ** -(r + x);
  if (p.variant === 'bg') {
    const alive = Math.exp(logBeta(a, b + x) - logBeta(a, b)) * nbd(T);
    const dropped = x > 0 ? Math.exp(logBeta(a + 1, b + x - 1) - logBeta(a, b)) * nbd(tx) : 0;
    return alive + dropped;
  }
  return (
    Math.exp(logBeta(a, b + x + 1) - logBeta(a, b)) * nbd(T) +
    Math.exp(logBeta(a + 1, b + x) - logBeta(a, b)) * nbd(tx)
  );
}

/** The paper's conditional expectation as printed (eq. 10), without Euler's transformation. */
function plainConditional(p: BgNbdParams, t: number, { x, tx, T }: Rfm): number {
  const { r, alpha, a, b } = p;
  const z = t / (alpha + T + t);
  const shift = p.variant === 'mbg' ? 1 : 0;
  const c = a + b + x - 1 + shift;
  const bracket =
    1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1(r + x, b + x + shift, c, z);
  const odds =
    p.variant === 'bg' && x === 0
      ? 0
      : (a / (b + x - 1 + shift)) * ((alpha + T) / (alpha + tx)) ** (r + x);
  return ((c / (a - 1)) * bracket) / (1 + odds);
}

const customers: Rfm[] = [
  { x: 0, tx: 0, T: 38.86 },
  { x: 2, tx: 30.43, T: 38.86 },
  { x: 1, tx: 1.71, T: 38.86 },
  { x: 7, tx: 29.43, T: 32 },
];

describe('the BG/NBD likelihood', () => {
  it.each<RhythmVariant>(['bg', 'mbg'])('is the paper’s formula, in logs (%s)', (variant) => {
    const p = variant === 'bg' ? bg : mbg;
    for (const c of customers) {
      expect(customerLogLikelihood(p, c)).toBeCloseTo(Math.log(plainLikelihood(p, c)), 12);
    }
  });

  it('stays finite for a heavy buyer, where the plain formula underflows', () => {
    const heavy = { x: 400, tx: 51, T: 52 };
    expect(Number.isFinite(Math.log(plainLikelihood(bg, heavy)))).toBe(false);
    expect(Number.isFinite(customerLogLikelihood(bg, heavy))).toBe(true);
  });

  it('adds grouped rows as the customers they stand for', () => {
    const rows = [...customers, customers[1] as Rfm, customers[1] as Rfm, customers[0] as Rfm];
    const grouped = groupRfm(rows);
    expect(grouped).toHaveLength(4);
    expect(grouped.find((g) => g.x === 2)?.count).toBe(3);
    const oneByOne = rows.reduce((sum, c) => sum + customerLogLikelihood(mbg, c), 0);
    expect(totalLogLikelihood(mbg, grouped)).toBeCloseTo(oneByOne, 9);
    expect(
      groupRfm([...grouped, { x: 0, tx: 0, T: 38.86, count: 5 }]).find((g) => g.x === 0)?.count,
    ).toBe(7);
  });

  it('refuses summaries that cannot be', () => {
    expect(() => groupRfm([{ x: 0, tx: 3, T: 10 }])).toThrow(RangeError);
    expect(() => groupRfm([{ x: 2, tx: 11, T: 10 }])).toThrow(RangeError);
    expect(() => groupRfm([{ x: 1.5, tx: 1, T: 10 }])).toThrow(RangeError);
  });
});

describe('predictions', () => {
  it.each<RhythmVariant>(['bg', 'mbg'])('match the paper’s printed expectation (%s)', (variant) => {
    const p = variant === 'bg' ? bg : mbg;
    for (const c of customers) {
      for (const t of [1, 13, 39, 104]) {
        expect(expectedTransactions(p, t, c.x, c.tx, c.T)).toBeCloseTo(
          plainConditional(p, t, c),
          10,
        );
      }
    }
  });

  it('give a heavy buyer a finite forecast near their own rate', () => {
    // 300 purchases in 100 days, the last yesterday: about 3 a day while alive.
    const forecast = expectedTransactions(bg, 10, 300, 99, 100);
    expect(forecast).toBeGreaterThan(25);
    expect(forecast).toBeLessThan(31);
  });

  it('give a new customer the unconditional expectation (eq. 9 and its MBG form)', () => {
    const { r, alpha, a, b } = bg;
    const z = 20 / (alpha + 20);
    const bgExpected =
      ((a + b - 1) / (a - 1)) * (1 - (alpha / (alpha + 20)) ** r * hyp2f1(r, b, a + b - 1, z));
    expect(expectedTransactionsNewCustomer(bg, 20)).toBeCloseTo(bgExpected, 12);
    const m = mbg;
    const zm = 20 / (m.alpha + 20);
    const mbgExpected =
      (m.b / (m.a - 1)) *
      (1 - (m.alpha / (m.alpha + 20)) ** m.r * hyp2f1(m.r, m.b + 1, m.a + m.b, zm));
    expect(expectedTransactionsNewCustomer(mbg, 20)).toBeCloseTo(mbgExpected, 12);
    expect(expectedTransactionsNewCustomer(bg, 0)).toBe(0);
  });

  it('pass smoothly through a = 1, where the formula is 0/0', () => {
    const at = (a: number) => expectedTransactions({ ...bg, a }, 39, 2, 30, 38);
    expect(Number.isFinite(at(1))).toBe(true);
    expect(at(1)).toBeCloseTo((at(0.999) + at(1.001)) / 2, 5);
  });

  it('say a one-time buyer is certainly alive under BG/NBD but not under MBG/NBD', () => {
    expect(probabilityAlive(bg, 0, 0, 50)).toBe(1);
    const early = probabilityAlive(mbg, 0, 0, 5);
    const late = probabilityAlive(mbg, 0, 0, 50);
    expect(early).toBeLessThan(1);
    expect(late).toBeLessThan(early);
  });

  it('lower P(alive) the longer a regular customer has been away', () => {
    const recent = probabilityAlive(bg, 10, 40, 41);
    const away = probabilityAlive(bg, 10, 20, 41);
    expect(recent).toBeGreaterThan(0.9);
    expect(away).toBeLessThan(0.1);
    expect(probabilityAlive(bg, 1000, 1, 1e6)).toBe(0);
  });

  it('give the customer’s own typical gap and next due date', () => {
    expect(typicalGap(0, 0)).toBeNull();
    expect(typicalGap(4, 120)).toBe(30);
    const last = new Date('2026-03-10T00:00:00Z');
    expect(nextDue({ lastPurchase: last, x: 4, tx: 120, unit: 'days' })).toEqual(
      new Date('2026-04-09T00:00:00Z'),
    );
    expect(nextDue({ lastPurchase: last, x: 2, tx: 6, unit: 'weeks' })).toEqual(
      new Date('2026-03-31T00:00:00Z'),
    );
    expect(nextDue({ lastPurchase: last, x: 0, tx: 0, unit: 'days' })).toBeNull();
  });
});

/** Customers simulated from known MBG/NBD parameters, in whole days as a shop has them. */
function simulate(p: BgNbdParams, count: number): Rfm[] {
  const random = seededRandom(13);
  return Array.from({ length: count }, () => {
    const T = Math.floor(90 + random.uniform() * 640);
    const rate = random.gamma(p.r, p.alpha);
    const dropOut = random.beta(p.a, p.b);
    let x = 0;
    let tx = 0;
    let time = 0;
    let alive = p.variant === 'bg' || random.uniform() >= dropOut;
    while (alive) {
      time += random.exponential(rate);
      if (time > T) break;
      x += 1;
      tx = Math.floor(time);
      alive = random.uniform() >= dropOut;
    }
    return { x, tx, T };
  });
}

describe('the fit', () => {
  it('recovers the parameters it simulated from, on grouped rows', () => {
    const truth: BgNbdParams = { r: 0.8, alpha: 40, a: 0.9, b: 3, variant: 'mbg' };
    const rows = groupRfm(simulate(truth, 20_000));
    expect(rows.length).toBeLessThan(20_000);
    const fit = fitBgNbd(rows);
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(20_000);
    expect(fit.params.variant).toBe('mbg');
    for (const key of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(fit.params[key] / truth[key] - 1)).toBeLessThan(0.15);
    }
    // Big data start from a fit on coarsened times; that must not change the answer.
    const viaCoarse = fitBgNbd(rows, { coarseStartAbove: 1000 });
    expect(viaCoarse.converged).toBe(true);
    expect(viaCoarse.logLikelihood).toBeCloseTo(fit.logLikelihood, 3);
    expect(viaCoarse.params.r).toBeCloseTo(fit.params.r, 3);
  });

  it('shrinks the parameters under an L2 penalty', () => {
    const rows = groupRfm(simulate({ r: 0.8, alpha: 40, a: 0.9, b: 3, variant: 'mbg' }, 2000));
    const plain = fitBgNbd(rows);
    const penalised = fitBgNbd(rows, { penalty: 0.1 });
    expect(penalised.params.b).toBeLessThan(plain.params.b);
    expect(penalised.logLikelihood).toBeLessThan(plain.logLikelihood);
  });

  it('says it has not converged when there is nothing to fit', () => {
    const fit = fitBgNbd([]);
    expect(fit.converged).toBe(false);
    expect(fit.customers).toBe(0);
  });
});
