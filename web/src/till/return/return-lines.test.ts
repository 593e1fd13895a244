import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { returnLines } from '../../../../src/services/return-lines.ts';
import type { SaleLineRecord } from '../../../../src/store/sale-types.ts';
import type { SaleLine } from '../../types.ts';
import { checkReturnLine, returnSelection } from './return-lines.ts';

/** One sold line as the server keeps it and as the till receives it, from the same figures. */
function soldLine(figures: { total: number; tax: number; quantity: number }, index = 0) {
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
    quantity: figures.quantity,
    unitPrice: figures.total,
    discount: 0,
    taxRateBp: 2000,
    tax: figures.tax,
    total: figures.total,
    returnedQuantity: 0,
    originalLineId: null,
    kind: 'product',
    giftCardId: null,
    pointsEarned: 0,
    pointsRedeemed: 0,
    groupDiscount: 0,
    rewardDiscount: 0,
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
  const answer = returnLines('00000000-0000-7000-8000-ffffffffffff', [record], {
    lines: [{ saleLineId: record.id, quantity: units }],
  });
  return answer.ok ? 0 - answer.value[0]!.total : null;
}

const figures = fc
  .record({
    quantity: fc.integer({ min: 1, max: 40 }),
    total: fc.integer({ min: 0, max: 5_000_000 }),
    taxShare: fc.integer({ min: 0, max: 100 }),
  })
  .map(({ quantity, total, taxShare }) => ({
    quantity,
    total,
    tax: Math.floor((total * taxShare) / 600),
  }));

describe('the till’s refund preview', () => {
  it('is 3.34 for the first of three units of a 10.00 line, as the server refunds', () => {
    const record = soldLine({ total: 1000, tax: 167, quantity: 3 });
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
          const server = returnLines('00000000-0000-7000-8000-ffffffffffff', records, {
            lines: wanted.map(({ record, units }) => ({ saleLineId: record.id, quantity: units })),
          });
          if (!server.ok) throw new Error(server.message);
          expect(selection.error).toBeNull();
          expect(selection.refund).toBe(server.value.reduce((sum, line) => sum - line.total, 0));
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
