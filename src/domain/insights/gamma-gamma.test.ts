import { describe, expect, it } from 'vitest';
import { expectedTransactions, type BgNbdParams } from './bg-nbd.ts';
import {
  expectedAverageSpend,
  expectedValue,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  type GammaGammaParams,
  type SpendSummary,
} from './gamma-gamma.ts';
import { seededRandom } from './random-for-tests.ts';
import { logGamma } from './special-functions.ts';

const cdnowSpend: GammaGammaParams = { p: 6.25, q: 3.74, v: 15.44 };

/** Customers simulated from known parameters: each transaction gamma(p, ν), ν ~ gamma(q, v). */
function simulate({ p, q, v }: GammaGammaParams, count: number): SpendSummary[] {
  const random = seededRandom(7);
  return Array.from({ length: count }, () => {
    const x = 1 + Math.floor(random.uniform() * 8);
    const nu = random.gamma(q, v);
    let total = 0;
    for (let i = 0; i < x; i++) total += random.gamma(p, nu);
    return { x, monetary: total / x };
  });
}

describe('the Gamma–Gamma spend model', () => {
  it('has the note’s likelihood', () => {
    const { p, q, v } = cdnowSpend;
    const [x, m] = [3, 42.5];
    const expected =
      logGamma(p * x + q) -
      logGamma(p * x) -
      logGamma(q) +
      q * Math.log(v) +
      (p * x - 1) * Math.log(m) +
      p * x * Math.log(x) -
      (p * x + q) * Math.log(v + m * x);
    expect(gammaGammaLogLikelihood(cdnowSpend, [{ x, monetary: m }])).toBeCloseTo(expected, 10);
  });

  it('shrinks a customer’s mean towards the population’s, less with more purchases', () => {
    const population = expectedAverageSpend(cdnowSpend, 0, 0);
    expect(population).toBeCloseTo((6.25 * 15.44) / 2.74, 10);
    const one = expectedAverageSpend(cdnowSpend, 1, 100);
    const many = expectedAverageSpend(cdnowSpend, 50, 100);
    expect(one).toBeGreaterThan(population);
    expect(one).toBeLessThan(many);
    expect(many).toBeLessThan(100);
    expect(expectedAverageSpend({ ...cdnowSpend, q: 0.9 }, 1, 100)).toBeNaN();
  });

  it('recovers simulated parameters, whatever the currency unit', () => {
    const truth = { p: 4, q: 5, v: 60 };
    const customers = simulate(truth, 5000);
    const fit = fitGammaGamma(customers);
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(5000);
    for (const key of ['p', 'q', 'v'] as const) {
      expect(Math.abs(fit.params[key] / truth[key] - 1)).toBeLessThan(0.2);
    }
    // The same purchases in minor units: p and q unchanged, v a hundred times larger.
    const inCents = fitGammaGamma(customers.map((c) => ({ ...c, monetary: c.monetary * 100 })));
    expect(inCents.params.p).toBeCloseTo(fit.params.p, 3);
    expect(inCents.params.v / fit.params.v).toBeCloseTo(100, 2);
  });

  it('says when spend barely varies between customers, and a penalty then answers', () => {
    const random = seededRandom(3);
    const flat = Array.from({ length: 2000 }, () => ({
      x: 1 + Math.floor(random.uniform() * 5),
      monetary: 30 + random.uniform(),
    }));
    expect(fitGammaGamma(flat).converged).toBe(false);
    const penalised = fitGammaGamma(flat, { penalty: 0.01 });
    expect(penalised.converged).toBe(true);
    // Shrunk a little towards a population mean the penalty has bent, but still near 30.
    const predicted = flat.map((c) => expectedAverageSpend(penalised.params, c.x, c.monetary));
    const mean = predicted.reduce((sum, value) => sum + value, 0) / predicted.length;
    expect(mean).toBeGreaterThan(30);
    expect(mean).toBeLessThan(35);
  });

  it('skips customers it cannot describe and says when nobody is left', () => {
    const fit = fitGammaGamma([
      { x: 0, monetary: 0 },
      { x: 2, monetary: 0 },
    ]);
    expect(fit).toMatchObject({ converged: false, customers: 0 });
  });
});

describe('expected value over a horizon', () => {
  const rhythm: BgNbdParams = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614, variant: 'mbg' };
  const customer = { x: 4, tx: 30, T: 38, monetary: 40 };
  const weeksPerMonth = 365.25 / 12 / 7;

  it('is expected purchases times expected spend, undiscounted by default', () => {
    const value = expectedValue({
      rhythm,
      spend: cdnowSpend,
      customer,
      unitsPerMonth: weeksPerMonth,
    });
    const purchases = expectedTransactions(rhythm, 12 * weeksPerMonth, 4, 30, 38);
    expect(value).toBeCloseTo(purchases * expectedAverageSpend(cdnowSpend, 4, 40), 10);
  });

  it('is discounted month by month when given a rate', () => {
    const input = { rhythm, spend: cdnowSpend, customer, unitsPerMonth: weeksPerMonth };
    const plain = expectedValue(input);
    const discounted = expectedValue({ ...input, monthlyDiscountRate: 0.01 });
    expect(discounted).toBeLessThan(plain);
    expect(discounted).toBeGreaterThan(plain / 1.01 ** 12);
    expect(expectedValue({ ...input, months: 6 })).toBeLessThan(plain);
  });
});
