import { fail, ok, type Result } from '../../domain/result.ts';
import { refundForUnits } from '../../domain/returns.ts';
import { newId } from '../../store/ids.ts';
import type { SaleLineRecord, SaleRecord, StoredSale } from '../../store/sales.ts';

/**
 * Returned units of the original lines, refunded pro rata with the discounts and tax that
 * went with them; a negative "sale" record.
 */
export function returnLines({
  returnId,
  originals,
  input,
}: {
  returnId: string;
  originals: SaleLineRecord[];
  input: { lines: { saleLineId: string; quantity: number }[] };
}): Result<SaleLineRecord[]> {
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
      discount: -refund.value.discount,
      groupDiscount: -refund.value.groupDiscount,
      rewardDiscount: -refund.value.rewardDiscount,
      tax: -refund.value.tax,
      total: -refund.value.total,
      returnedQuantity: 0,
      originalLineId: original.id,
    });
  }
  return ok(lines);
}

const sumOf = (lines: readonly SaleLineRecord[], figure: (line: SaleLineRecord) => number) =>
  lines.reduce((sum, line) => sum + figure(line), 0);

/** The one value every sale has, or null when they differ (a no-receipt return of several). */
function shared<T>(values: readonly T[]): T | null {
  return values.length > 0 && values.every((value) => value === values[0]) ? values[0]! : null;
}

/**
 * A return's totals from its lines, so that subtotal − discounts (+ tax added on top) =
 * total, as on the sale: the discounts it gives back are the returned units' parts of the
 * lines' own, the group's and the reward's discounts, named after the sale's group and reward.
 */
export function returnTotals(
  lines: readonly SaleLineRecord[],
  sales: readonly Pick<SaleRecord, 'groupId' | 'rewardId'>[],
): Pick<
  SaleRecord,
  | 'subtotal'
  | 'discountTotal'
  | 'taxTotal'
  | 'total'
  | 'groupId'
  | 'groupDiscountTotal'
  | 'rewardId'
  | 'rewardDiscountTotal'
> {
  const groupDiscountTotal = sumOf(lines, (line) => line.groupDiscount);
  const rewardDiscountTotal = sumOf(lines, (line) => line.rewardDiscount);
  return {
    subtotal: sumOf(lines, (line) => line.unitPrice * line.quantity),
    discountTotal: sumOf(lines, (line) => line.discount),
    taxTotal: sumOf(lines, (line) => line.tax),
    total: sumOf(lines, (line) => line.total),
    groupId: groupDiscountTotal === 0 ? null : shared(sales.map((sale) => sale.groupId)),
    groupDiscountTotal,
    rewardId: rewardDiscountTotal === 0 ? null : shared(sales.map((sale) => sale.rewardId)),
    rewardDiscountTotal,
  };
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
