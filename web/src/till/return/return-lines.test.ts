import { noPoints } from '@domain/units.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { returnLines } from '../../../../src/services/sales/return-lines.ts';
import type { SaleLineRecord } from '../../../../src/store/sale-types.ts';
import type { SaleLine } from '@contract/sales.ts';
import { checkReturnLine, returnSelection } from './return-lines.ts';

type Figures = {
  quantity: number;
  unitPrice: number;
  discount: number;
  groupDiscount: number;
  rewardDiscount: number;
  tax: number;
  total: number;
};

/** One sold line as the server keeps it and as the till receives it, from the same figures. */
function soldLine(figures: Figures, index = 0) {
  const record: SaleLineRecord = {
    id: `00000000-0000-7000-8000-${String(index).padStart(12, '0')}`,
    saleId: '00000000-0000-7000-8000-000000000000',
    lineNo: index + 1,
    customerId: null,
    productId: null,
    sku: `SKU-${index}`,
    name: `Item ${index}`,
    category: null,
    brand: null,
    size: null,
    colour: null,
    ...figures,
    taxRateBp: 2000,
    returnedQuantity: 0,
    originalLineId: null,
    kind: 'product',
    giftCardId: null,
    pointsEarned: noPoints,
    pointsRedeemed: noPoints,
  };
  return record;
}

function tillView(record: SaleLineRecord): SaleLine {
  return {
    ...record,
    returnable: record.quantity - record.returnedQuantity,
  };
}

/** What the server refunds for `units` of the line (positive), or null when it refuses. */
function serverRefund(record: SaleLineRecord, units: number): number | null {
  const answer = returnLines(
    /*OBJ*/ {
      returnId: '00000000-0000-7000-8000-ffffffffffff',
      originals: [record],
      input: {
        lines: [{ saleLineId: record.id, quantity: units }],
      },
    },
  );
  return answer.ok ? 0 - answer.value[0]!.total : null;
}

/**
 * Lines as sales make them: a price, units, the line's own discount plus a group's and a
 * reward's, and tax inside the total (tax-inclusive prices) or added on top (exclusive).
 */
const figures = fc
  .record({
    quantity: fc.integer({ min: 1, max: 40 }),
    unitPrice: fc.integer({ min: 0, max: 200_000 }),
    discountShares: fc.tuple(fc.nat(100), fc.nat(100), fc.nat(100)),
    taxRateBp: fc.constantFrom(0, 500, 2000),
    taxAdded: fc.boolean(),
  })
  .map(({ quantity, unitPrice, discountShares, taxRateBp, taxAdded }): Figures => {
    const gross = unitPrice * quantity;
    const [own, group, reward] = discountShares.map((share) => Math.floor((gross * share) / 300));
    const discount = own! + group! + reward!;
    const net = gross - discount;
    const tax = taxAdded
      ? Math.round((net * taxRateBp) / 10_000)
      : Math.round((net * taxRateBp) / (10_000 + taxRateBp));
    return {
      quantity,
      unitPrice,
      discount,
      groupDiscount: group!,
      rewardDiscount: reward!,
      tax,
      total: taxAdded ? net + tax : net,
    };
  });

describe('the till’s refund preview', () => {
  it('is 3.34 for the first of three units of a 10.00 line, as the server refunds', () => {
    const record = soldLine({
      quantity: 3,
      unitPrice: 1000,
      discount: 2000,
      groupDiscount: 0,
      rewardDiscount: 0,
      tax: 167,
      total: 1000,
    });
    expect(serverRefund(record, 1)).toBe(334);
    expect(checkReturnLine(tillView(record), '1')).toEqual({ units: 1, refund: 334, error: null });
  });

  it('equals the server’s refund for every line, however it is returned bit by bit', () => {
    fc.assert(
      fc.property(
        figures,
        fc.array(fc.integer({ min: 1, max: 45 }), { minLength: 1, maxLength: 8 }),
        (sold, returns) => {
          const record = soldLine(sold);
          for (const units of returns) {
            const server = serverRefund(record, units);
            const preview = checkReturnLine(tillView(record), String(units));
            if (server === null) {
              // Refused alike: more than is left to return.
              expect(preview.error).not.toBeNull();
              continue;
            }
            expect(preview).toEqual({ units, refund: server, error: null });
            record.returnedQuantity += units;
          }
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('adds the lines of a return up exactly as the server does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ sold: figures, returned: fc.nat(40), units: fc.nat(40) }), {
          minLength: 1,
          maxLength: 6,
        }),
        (picks) => {
          const records = picks.map(({ sold, returned }, index) => {
            const record = soldLine(sold, index);
            record.returnedQuantity = Math.min(returned, sold.quantity);
            return record;
          });
          const wanted = picks
            .map(({ units }, index) => ({ record: records[index]!, units }))
            .filter(
              ({ record, units }) =>
                units > 0 && units <= record.quantity - record.returnedQuantity,
            );
          const selection = returnSelection(
            records.map(tillView),
            Object.fromEntries(wanted.map(({ record, units }) => [record.id, String(units)])),
          );
          const server = returnLines(
            /*OBJ*/ {
              returnId: '00000000-0000-7000-8000-ffffffffffff',
              originals: records,
              input: {
                lines: wanted.map(({ record, units }) => ({
                  saleLineId: record.id,
                  quantity: units,
                })),
              },
            },
          );
          if (!server.ok) throw new Error(server.message);
          expect(selection.error).toBeNull();
          expect(selection.refund).toBe(server.value.reduce((sum, line) => sum - line.total, 0));
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
