import { describe, expect, it } from 'vitest';
import { chooseMethod, nextDueOn, ruleLapsed, typicalGapDays } from './lapse-rule.ts';

describe('the fallback rule', () => {
  it('calls 3 visits in 6 months and none in 6 weeks lapsed', () => {
    expect(ruleLapsed({ visitsInWindow: 3, lastVisit: '2026-10-01', asOf: '2026-11-30' })).toBe(
      true,
    );
  });

  it('does not call a recent or an occasional customer lapsed', () => {
    expect(ruleLapsed({ visitsInWindow: 3, lastVisit: '2026-11-01', asOf: '2026-11-30' })).toBe(
      false,
    );
    expect(ruleLapsed({ visitsInWindow: 2, lastVisit: '2026-08-01', asOf: '2026-11-30' })).toBe(
      false,
    );
  });

  it('works out the typical gap and the next due date', () => {
    const gap = typicalGapDays({ firstVisit: '2026-01-01', lastVisit: '2026-03-02', visitDays: 4 });
    expect(gap).toBe(20);
    expect(nextDueOn('2026-03-02', gap)).toBe('2026-03-22');
    expect(
      typicalGapDays({ firstVisit: '2026-01-01', lastVisit: '2026-01-01', visitDays: 1 }),
    ).toBe(null);
  });
});

describe('model or rule', () => {
  const fit = {
    name: 'purchase-rhythm model',
    converged: true,
    params: { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 },
  };

  it('uses the model with enough customers and history and a good fit', () => {
    expect(chooseMethod({ customersWithPurchase: 500, historyDays: 180, fits: [fit] })).toEqual({
      method: 'model',
      reason: null,
    });
  });

  it('falls back to the rule and says why', () => {
    expect(
      chooseMethod({ customersWithPurchase: 12, historyDays: 400, fits: [fit] }),
    ).toMatchObject({
      method: 'rule',
      reason: expect.stringContaining('12 customers'),
    });
    expect(
      chooseMethod({ customersWithPurchase: 900, historyDays: 90, fits: [fit] }),
    ).toMatchObject({
      method: 'rule',
      reason: expect.stringContaining('90 days'),
    });
    expect(
      chooseMethod({
        customersWithPurchase: 900,
        historyDays: 400,
        fits: [{ ...fit, converged: false }],
      }),
    ).toMatchObject({ method: 'rule', reason: 'the purchase-rhythm model fit did not converge' });
    expect(
      chooseMethod({
        customersWithPurchase: 900,
        historyDays: 400,
        fits: [{ ...fit, params: { ...fit.params, alpha: Number.NaN } }],
      }),
    ).toMatchObject({ method: 'rule', reason: expect.stringContaining('alpha') });
  });
});
