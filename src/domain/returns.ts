import { prorate } from './money.ts';
import { fail, ok, type Result } from './result.ts';

/** A sold line as a return needs it: its price, what came off it, its tax and total. */
export type ReturnableLine = {
  unitPrice: number;
  quantity: number;
  /** Every discount on the line: its own, the customer group's and the reward's. */
  discount: number;
  /** The group's and the reward's parts of `discount` (0 on lines sold before they were kept). */
  groupDiscount?: number;
  rewardDiscount?: number;
  tax: number;
  total: number;
  returnedQuantity: number;
};

/** What some units of a line come to: a refund's figures, all positive. */
export type UnitShares = {
  total: number;
  tax: number;
  discount: number;
  groupDiscount: number;
  rewardDiscount: number;
};

const sumOf = (parts: readonly number[]) => parts.reduce((sum, part) => sum + part, 0);

/**
 * Each unit's part of a line, split by the one `prorate` so that the parts of every
 * figure add up to the line's exactly. What a unit paid before any tax added on top is
 * split first, and its discount is what it did not pay of its price, so each unit (and so
 * each return) adds up on its own: price − discount (+ tax added) = total. The group's
 * and the reward's parts are then split within each unit's discount.
 */
function unitParts(line: ReturnableLine): UnitShares[] {
  const ones = Array.from({ length: line.quantity }, () => 1);
  const net = line.unitPrice * line.quantity - line.discount;
  // A tax-exclusive line's tax comes on top of `net`; a tax-inclusive line's is inside it.
  const taxAdded = line.tax !== 0 && line.total === net + line.tax ? line.tax : 0;
  const paid = prorate(line.total - taxAdded, ones);
  const added = prorate(taxAdded, ones);
  const tax = prorate(line.tax, ones);
  const discount = paid.map((part) => line.unitPrice - part);
  const group = prorate(
    line.groupDiscount ?? 0,
    discount.map((part) => Math.max(0, part)),
  );
  const reward = prorate(
    line.rewardDiscount ?? 0,
    discount.map((part, unit) => Math.max(0, part - group[unit]!)),
  );
  return ones.map((_, unit) => ({
    total: paid[unit]! + added[unit]!,
    tax: tax[unit]!,
    discount: discount[unit]!,
    groupDiscount: group[unit]!,
    rewardDiscount: reward[unit]!,
  }));
}

/**
 * What returning `units` more of a sold line refunds, and the discounts and tax that go
 * back with it. A return takes the next units' parts (see `unitParts`), so however a
 * line is returned — at once or bit by bit — the refunds add up to exactly what was paid
 * for it, never a penny more, and its discounts come back with it.
 */
export function refundForUnits(line: ReturnableLine, units: number): Result<UnitShares> {
  const returnable = line.quantity - line.returnedQuantity;
  if (!Number.isInteger(units) || units <= 0) {
    return fail('validation_failed', 'quantity to return must be a whole number above 0', {
      field: 'quantity',
    });
  }
  if (units > returnable) {
    return fail(
      'return_exceeds_sold',
      returnable === 0
        ? 'Every unit of this line has already been returned'
        : `Only ${returnable} of ${line.quantity} can still be returned`,
      { field: 'quantity', details: { returnable } },
    );
  }
  const taken = unitParts(line).slice(line.returnedQuantity, line.returnedQuantity + units);
  const share = (figure: keyof UnitShares) => sumOf(taken.map((unit) => unit[figure]));
  return ok({
    total: share('total'),
    tax: share('tax'),
    discount: share('discount'),
    groupDiscount: share('groupDiscount'),
    rewardDiscount: share('rewardDiscount'),
  });
}

export type RefundableTenderKind = 'cash' | 'card' | 'external' | 'gift_card' | 'store_credit';

export type OriginalTender = {
  kind: RefundableTenderKind;
  paid: number;
  refunded: number;
  reference: string | null;
  giftCardId: string | null;
  accountId: string | null;
};
export type RefundPart = Omit<OriginalTender, 'paid' | 'refunded'> & { amount: number };

/**
 * Gives a refund back the way the sale was paid: to the payment card first (never more
 * than it paid, less what went back to it before), then gift cards and store credit
 * (restored), then cash. Whatever no original tender can take (it should not happen) is
 * paid in cash.
 */
export function allocateRefund(refund: number, tenders: readonly OriginalTender[]): RefundPart[] {
  const order: RefundableTenderKind[] = ['card', 'external', 'gift_card', 'store_credit', 'cash'];
  const parts: RefundPart[] = [];
  let left = refund;
  for (const kind of order) {
    for (const tender of tenders.filter((t) => t.kind === kind)) {
      const room = Math.max(0, tender.paid - tender.refunded);
      const amount = Math.min(room, left);
      if (amount > 0) {
        const { paid: _paid, refunded: _refunded, ...identity } = tender;
        parts.push({ ...identity, amount });
        left -= amount;
      }
    }
  }
  if (left > 0) {
    const cash = parts.find((part) => part.kind === 'cash');
    if (cash) cash.amount += left;
    else
      parts.push({
        kind: 'cash',
        amount: left,
        reference: null,
        giftCardId: null,
        accountId: null,
      });
  }
  return parts;
}
