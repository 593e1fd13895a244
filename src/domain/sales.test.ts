import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateRefund, refundForUnits } from './returns.ts';
import { priceLine, saleTotals } from './sales.ts';
import { settleTenders } from './tenders.ts';

describe('priceLine', () => {
  it.each([
    // unitPrice, quantity, discount, rate, mode, total, tax
    [1250, 2, 0, 2000, 'tax_inclusive', 2500, 417],
    [1000, 1, 100, 2000, 'tax_inclusive', 900, 150],
    [999, 3, 0, 500, 'tax_inclusive', 2997, 143],
    [1000, 1, 0, 0, 'tax_inclusive', 1000, 0],
    [1000, 2, 0, 2000, 'tax_exclusive', 2400, 400],
    [333, 1, 0, 875, 'tax_exclusive', 362, 29],
  ] as const)(
    '%i × %i − %i at %i bp (%s) = %i incl. %i tax',
    (unitPrice, quantity, discount, taxRateBp, mode, total, tax) => {
      expect(priceLine({ unitPrice, quantity, discount, taxRateBp }, mode)).toEqual({
        ok: true,
        value: { unitPrice, quantity, discount, taxRateBp, total, tax },
      });
    },
  );

  it.each([
    [{ unitPrice: 100, quantity: 0, discount: 0, taxRateBp: 0 }, 'line.quantity'],
    [{ unitPrice: 100, quantity: -1, discount: 0, taxRateBp: 0 }, 'line.quantity'],
    [{ unitPrice: 100, quantity: 1.5, discount: 0, taxRateBp: 0 }, 'line.quantity'],
    [{ unitPrice: -1, quantity: 1, discount: 0, taxRateBp: 0 }, 'line.unitPrice'],
    [{ unitPrice: 100, quantity: 1, discount: 101, taxRateBp: 0 }, 'line.discount'],
    [{ unitPrice: 100, quantity: 1, discount: 0, taxRateBp: 10_001 }, 'line.taxRateBp'],
  ])('refuses %j', (line, field) => {
    expect(priceLine(line, 'tax_inclusive')).toMatchObject({ ok: false, field });
  });

  it('adds up a sale', () => {
    const lines = [
      priceLine({ unitPrice: 1250, quantity: 2, discount: 250, taxRateBp: 2000 }, 'tax_inclusive'),
      priceLine({ unitPrice: 500, quantity: 1, discount: 0, taxRateBp: 0 }, 'tax_inclusive'),
    ].map((line) => (line.ok ? line.value : expect.unreachable()));
    expect(saleTotals(lines)).toEqual({
      subtotal: 3000,
      discountTotal: 250,
      taxTotal: 375,
      total: 2750,
    });
  });
});

describe('settleTenders', () => {
  it('states what is still due in money a cashier can read', () => {
    expect(settleTenders(1250, [{ kind: 'cash', received: 1000 }], 'GBP')).toMatchObject({
      ok: false,
      code: 'tenders_short',
      message: 'The tenders leave 2.50 GBP still to pay',
      details: { due: 250 },
    });
  });
  it('gives change on cash', () => {
    expect(settleTenders(1250, [{ kind: 'cash', received: 2000 }])).toEqual({
      ok: true,
      value: [{ kind: 'cash', amount: 1250, received: 2000, change: 750 }],
    });
  });
  it('splits card and cash', () => {
    expect(
      settleTenders(5000, [
        { kind: 'card', amount: 3000, reference: 'AUTH 1234' },
        { kind: 'cash', received: 2000 },
      ]),
    ).toMatchObject({
      ok: true,
      value: [
        { kind: 'card', amount: 3000 },
        { kind: 'cash', amount: 2000, change: 0 },
      ],
    });
  });
  it.each([
    [1000, [{ kind: 'cash', received: 500 }], 'tenders_short'],
    [1000, [], 'validation_failed'],
    [1000, [{ kind: 'card', amount: 1200, reference: 'X1' }], 'tender_exceeds_total'],
    [
      1000,
      [{ kind: 'card', amount: 1000, reference: '4111 1111 1111 1111' }],
      'card_number_refused',
    ],
    [1000, [{ kind: 'card', amount: 1000, reference: '  ' }], 'validation_failed'],
  ] as const)('refuses %i paid by %j with %s', (total, tenders, code) => {
    expect(settleTenders(total, tenders)).toMatchObject({ ok: false, code });
  });
});

describe('refundForUnits', () => {
  // 3 × 3.34 less 0.02 = 10.00, 20% tax included.
  const line = {
    unitPrice: 334,
    discount: 2,
    total: 1000,
    tax: 167,
    quantity: 3,
    returnedQuantity: 0,
  };
  it('refunds pro rata, and the parts add up to what was paid', () => {
    // prorate(1000, [1, 1, 1]) = [334, 333, 333] and prorate(167, [1, 1, 1]) = [56, 56, 55].
    expect(refundForUnits(line, 1)).toMatchObject({
      ok: true,
      value: { total: 334, tax: 56, discount: 0 },
    });
    expect(refundForUnits({ ...line, returnedQuantity: 1 }, 1)).toMatchObject({
      ok: true,
      value: { total: 333, tax: 56, discount: 1 },
    });
    expect(refundForUnits({ ...line, returnedQuantity: 2 }, 1)).toMatchObject({
      ok: true,
      value: { total: 333, tax: 55, discount: 1 },
    });
    expect(refundForUnits(line, 3)).toMatchObject({
      ok: true,
      value: { total: 1000, tax: 167, discount: 2 },
    });
  });
  it('never returns more than sold minus already returned', () => {
    expect(refundForUnits({ ...line, returnedQuantity: 2 }, 2)).toMatchObject({
      ok: false,
      code: 'return_exceeds_sold',
    });
    expect(refundForUnits({ ...line, returnedQuantity: 3 }, 1)).toMatchObject({
      ok: false,
      code: 'return_exceeds_sold',
    });
    expect(refundForUnits(line, 0)).toMatchObject({ ok: false, field: 'quantity' });
  });
  it('whatever the split, the refunds total the line exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 50 }),
        (total, quantity, steps) => {
          let returned = 0;
          let refunded = 0;
          for (const step of steps) {
            const unitPrice = Math.ceil(total / quantity);
            const result = refundForUnits(
              {
                unitPrice,
                discount: unitPrice * quantity - total,
                total,
                tax: 0,
                quantity,
                returnedQuantity: returned,
              },
              step,
            );
            if (!result.ok) {
              expect(step).toBeGreaterThan(quantity - returned);
              continue;
            }
            returned += step;
            refunded += result.value.total;
          }
          expect(refunded).toBeLessThanOrEqual(total);
          if (returned === quantity) expect(refunded).toBe(total);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('allocateRefund', () => {
  it('refunds the card first, up to what it paid less earlier refunds, then cash', () => {
    const none = { giftCardId: null, accountId: null };
    const tenders = [
      { kind: 'cash' as const, paid: 2000, refunded: 0, reference: null, ...none },
      { kind: 'card' as const, paid: 3000, refunded: 1000, reference: 'AUTH 9', ...none },
    ];
    expect(allocateRefund(2500, tenders)).toEqual([
      { kind: 'card', amount: 2000, reference: 'AUTH 9', ...none },
      { kind: 'cash', amount: 500, reference: null, ...none },
    ]);
    expect(allocateRefund(0, tenders)).toEqual([]);
  });

  it('restores gift cards and store credit after the payment card, before cash', () => {
    const tenders = [
      {
        kind: 'cash' as const,
        paid: 500,
        refunded: 0,
        reference: null,
        giftCardId: null,
        accountId: null,
      },
      {
        kind: 'store_credit' as const,
        paid: 700,
        refunded: 0,
        reference: null,
        giftCardId: null,
        accountId: 'a1',
      },
      {
        kind: 'gift_card' as const,
        paid: 1000,
        refunded: 400,
        reference: '•••• 1234',
        giftCardId: 'g1',
        accountId: null,
      },
    ];
    expect(allocateRefund(1500, tenders).map((part) => [part.kind, part.amount])).toEqual([
      ['gift_card', 600],
      ['store_credit', 700],
      ['cash', 200],
    ]);
  });
});
