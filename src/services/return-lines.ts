import { fail, ok, type Result } from '../domain/result.ts';
import { refundForUnits } from '../domain/returns.ts';
import { newId } from '../store/ids.ts';
import type { SaleLineRecord, StoredSale } from '../store/sales.ts';

/** Returned units of the original lines, refunded pro rata; a negative "sale" record. */
export function returnLines(
  returnId: string,
  originals: SaleLineRecord[],
  input: { lines: { saleLineId: string; quantity: number }[] },
): Result<SaleLineRecord[]> {
  const lines: SaleLineRecord[] = [];
  for (const [index, requested] of input.lines.entries()) {
    const original = originals.find((line) => line.id === requested.saleLineId);
    if (!original || original.quantity < 0) {
      return fail('sale_line_not_found', 'That line is not a line of a completed sale', {
        field: `lines[${index}].saleLineId`,
      });
    }
    if (original.kind !== 'product') {
      return fail(
        'line_not_returnable',
        'Gift cards and store credit sold are not returned as items; a supervisor can void the sale',
        { field: `lines[${index}].saleLineId` },
      );
    }
    const refund = refundForUnits(original, requested.quantity);
    if (!refund.ok) return { ...refund, field: `lines[${index}].quantity` };
    lines.push({
      ...original,
      id: newId(),
      saleId: returnId,
      lineNo: index + 1,
      quantity: -requested.quantity,
      discount: 0,
      tax: -refund.value.tax,
      total: -refund.value.total,
      returnedQuantity: 0,
      originalLineId: original.id,
    });
  }
  return ok(lines);
}

/**
 * In an exchange part of the refund stays in the shop as credit for the new sale: it is
 * taken from the cash parts first, then the card, and recorded as 'exchange' tenders.
 */
export function keepExchangeCredit(
  tenders: StoredSale['tenders'],
  credit: number,
): StoredSale['tenders'] {
  let left = credit;
  const kept: StoredSale['tenders'] = [];
  const order = ['cash', 'external', 'exchange', 'store_credit', 'gift_card', 'card'];
  const sorted = [...tenders].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  for (const tender of sorted) {
    const take = Math.min(left, -tender.amount);
    if (take > 0) {
      kept.push({
        ...tender,
        id: newId(),
        kind: 'exchange',
        amount: -take,
        reference: null,
        giftCardId: null,
        storeCreditAccountId: null,
      });
      tender.amount += take;
      left -= take;
    }
  }
  return [...kept, ...sorted.filter((tender) => tender.amount !== 0)].map((tender, position) => ({
    ...tender,
    position,
  }));
}
