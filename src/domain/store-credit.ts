import type { Minor, Points } from './units.ts';
export const storeCreditEntryKinds = [
  'REFUND',
  'TOP_UP',
  'REDEEM',
  'ADJUST_INCREMENT',
  'ADJUST_DECREMENT',
  'EXPIRE',
  'REVERSE',
  'MERGE_IN',
  'MERGE_OUT',
] as const;
export type StoreCreditEntryKind = (typeof storeCreditEntryKinds)[number];

/** A lot of stored value (store credit or points) with its own expiry. */
/** A lot of credit (money) or of points: what is left of one grant, and when it expires. */
export type CreditLot<Unit extends Minor | Points = Minor> = {
  id: string;
  remaining: Unit;
  expiresAt: Date | null;
  createdAt: Date;
};
export type LotUse<Unit extends Minor | Points = Minor> = { lotId: string; amount: Unit };

/** Soonest expiry first; credit that never expires last; then the oldest. */
export function spendingOrder(a: CreditLot<Minor | Points>, b: CreditLot<Minor | Points>): number {
  const expiry = (lot: CreditLot<Minor | Points>) =>
    lot.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
  return expiry(a) - expiry(b) || a.createdAt.getTime() - b.createdAt.getTime();
}

/**
 * Which lots pay `amount`, soonest-expiring first, so a customer never loses credit that
 * could have been spent. Lots already expired are not spendable. Null when the
 * spendable lots do not cover the amount. Lots `preferred` (the ones the sale being
 * returned earned) are used up first, what is left of them, then the ordinary order.
 */
export function drawFromLots<Unit extends Minor | Points, Lot extends CreditLot<Unit>>(
  lots: readonly Lot[],
  amount: Unit,
  now: Date,
  options: {
    /** Taking value back (not spending it) may use lots the expiry run has not reached. */
    includeExpired?: boolean;
    preferred?: (lot: Lot) => boolean;
  } = {},
): LotUse<Unit>[] | null {
  const rank = (lot: Lot) => (options.preferred?.(lot) ? 0 : 1);
  const spendable = lots
    .filter(
      (lot) =>
        lot.remaining > 0 && (options.includeExpired || !(lot.expiresAt && lot.expiresAt <= now)),
    )
    .sort((a, b) => rank(a) - rank(b) || spendingOrder(a, b));
  const uses: LotUse<Unit>[] = [];
  let left: number = amount;
  for (const lot of spendable) {
    if (left === 0) break;
    const take = Math.min(lot.remaining, left) as Unit;
    uses.push({ lotId: lot.id, amount: take });
    left -= take;
  }
  return left === 0 ? uses : null;
}

/** What may be spent now: the balance less lots past expiry the expiry job has not reached. */
export function spendableCredit(lots: readonly CreditLot[], now: Date): number {
  return lots
    .filter((lot) => !(lot.expiresAt && lot.expiresAt <= now))
    .reduce((sum, lot) => sum + lot.remaining, 0);
}
