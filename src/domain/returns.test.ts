import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prorate } from './money.ts';
import { refundForUnits } from './returns.ts';
import { priceLine, type PricingMode } from './sales.ts';

describe('refundForUnits carries the discounts back', () => {
  it("gives back a VIP's 5% group discount with the candle", () => {
    // 24.00 less 5% (1.20) = 22.80, 20% tax included (3.80).
    const candle = {
      unitPrice: 2400,
      quantity: 1,
      discount: 120,
      groupDiscount: 120,
      rewardDiscount: 0,
      taxRateBp: 2000,
      tax: 380,
      total: 2280,
      returnedQuantity: 0,
    };
    expect(refundForUnits(candle, 1)).toEqual({
      ok: true,
      value: { total: 2280, tax: 380, discount: 120, groupDiscount: 120, rewardDiscount: 0 },
    });
  });

  it('splits a tax-exclusive line so each return adds up on its own', () => {
    // 3 × 10.00 less 1.00, plus 8.75% tax: 29.00 + 2.54 = 31.54.
    const line = {
      unitPrice: 1000,
      quantity: 3,
      discount: 100,
      groupDiscount: 0,
      rewardDiscount: 0,
      taxRateBp: 875,
      tax: 254,
      total: 3154,
      returnedQuantity: 0,
    };
    const first = refundForUnits(line, 1);
    if (!first.ok) throw new Error(first.message);
    expect(first.value.total).toBe(1000 - first.value.discount + first.value.tax);
  });

  const mode = fc.constantFrom<PricingMode>('tax_inclusive', 'tax_exclusive');
  const soldLine = fc
    .record({
      unitPrice: fc.integer({ min: 0, max: 100_000 }),
      quantity: fc.integer({ min: 1, max: 30 }),
      discountShare: fc.integer({ min: 0, max: 100 }),
      loyaltyShares: fc.tuple(fc.nat(100), fc.nat(100), fc.nat(100)),
      taxRateBp: fc.constantFrom(0, 500, 875, 2000, 2500),
      mode,
    })
    .map(({ unitPrice, quantity, discountShare, loyaltyShares, taxRateBp, mode }) => {
      const gross = unitPrice * quantity;
      const discount = Math.floor((gross * discountShare) / 100);
      // The line's discount is its own part plus the group's and the reward's.
      const [, groupDiscount, rewardDiscount] = prorate(discount, loyaltyShares);
      const priced = priceLine({ unitPrice, quantity, discount, taxRateBp }, mode);
      if (!priced.ok) throw new Error(priced.message);
      return {
        mode,
        line: {
          ...priced.value,
          groupDiscount: groupDiscount!,
          rewardDiscount: rewardDiscount!,
          returnedQuantity: 0,
        },
      };
    });

  it('for any line and any returns, each refund adds up and together they are the line', () => {
    fc.assert(
      fc.property(
        soldLine,
        fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 12 }),
        (sold, steps) => {
          const { line, mode } = sold;
          let returned = 0;
          const sums = { total: 0, tax: 0, discount: 0, groupDiscount: 0, rewardDiscount: 0 };
          for (const units of [...steps, line.quantity]) {
            const refund = refundForUnits({ ...line, returnedQuantity: returned }, units);
            if (!refund.ok) continue;
            const share = refund.value;
            // subtotal − discounts (+ tax added on top) = total, on this return alone.
            const taxAdded = mode === 'tax_exclusive' ? share.tax : 0;
            expect(line.unitPrice * units - share.discount + taxAdded).toBe(share.total);
            expect(share.groupDiscount).toBeGreaterThanOrEqual(0);
            expect(share.rewardDiscount).toBeGreaterThanOrEqual(0);
            expect(share.groupDiscount + share.rewardDiscount).toBeLessThanOrEqual(share.discount);
            for (const key of Object.keys(sums) as (keyof typeof sums)[]) sums[key] += share[key];
            returned += units;
          }
          if (returned === line.quantity) {
            expect(sums).toEqual({
              total: line.total,
              tax: line.tax,
              discount: line.discount,
              groupDiscount: line.groupDiscount,
              rewardDiscount: line.rewardDiscount,
            });
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
