import { prorate } from './money.ts';
import { fail, ok, type Result } from './result.ts';

/**
 * What returning `units` more of a sold line refunds. The line's total (and its tax) is
 * split over its units by the one `prorate`, and a return refunds the next units' parts,
 * so however a line is returned — at once or bit by bit — the refunds add up to exactly
 * what was paid for it, never a penny more.
 */
export function refundForUnits(
  line: { total: number; tax: number; quantity: number; returnedQuantity: number },
  units: number,
): Result<{ total: number; tax: number }> {
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
  const units1 = Array.from({ length: line.quantity }, () => 1);
  const share = (amount: number) =>
    prorate(amount, units1)
      .slice(line.returnedQuantity, line.returnedQuantity + units)
      .reduce((sum, part) => sum + part, 0);
  return ok({ total: share(line.total), tax: share(line.tax) });
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
