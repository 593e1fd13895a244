import { normaliseGiftCardNumber, type GiftCardState } from '../../domain/gift-cards.ts';
import { fail, invalid, ok, type Result } from '../../domain/result.ts';
import {
  findGiftCardByNumber,
  selectGiftCardsByIds,
  type GiftCardActivityRecord,
  type GiftCardRecord,
} from '../../store/gift-cards.ts';
import { selectStaffNames } from '../../store/staff.ts';
import type { ServiceDeps } from '../platform/context.ts';

export type GiftCardView = {
  id: string;
  number: string;
  currency: string;
  state: GiftCardState;
  balance: number;
  digital: boolean;
  customerId: string | null;
  issuedOutletId: string | null;
  batchLabel: string | null;
  activatedAt: string | null;
  expiresAt: string | null;
  expired: boolean;
};

export type GiftCardActivityView = {
  id: string;
  kind: string;
  amount: number;
  balanceAfter: number;
  stateAfter: string;
  saleId: string | null;
  outletId: string | null;
  staffName: string | null;
  approvedByName: string | null;
  reason: string | null;
  at: string;
};

export function giftCardView(card: GiftCardRecord, now: Date): GiftCardView {
  return {
    id: card.id,
    number: card.number,
    currency: card.currency,
    state: card.state,
    balance: card.balance,
    digital: card.digital,
    customerId: card.customerId,
    issuedOutletId: card.issuedOutletId,
    batchLabel: card.batchLabel,
    activatedAt: card.activatedAt?.toISOString() ?? null,
    expiresAt: card.expiresAt?.toISOString() ?? null,
    expired: card.expiresAt !== null && card.expiresAt <= now,
  };
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A card by its id (back office links) or its number (scanned or typed). */

export async function cardByNumber(
  deps: ServiceDeps,
  raw: string,
): Promise<Result<GiftCardRecord>> {
  if (uuidPattern.test(raw)) {
    const [card] = await selectGiftCardsByIds(deps.db, [raw]);
    return card ? ok(card) : fail('gift_card_not_found', 'No gift card with that id');
  }
  const number = normaliseGiftCardNumber(raw);
  if (!number.ok) return number;
  const card = await findGiftCardByNumber(deps.db, number.value);
  return card
    ? ok(card)
    : fail('gift_card_not_found', 'No gift card with that number', { field: 'number' });
}

export async function activityViews(
  deps: ServiceDeps,
  activity: GiftCardActivityRecord[],
): Promise<GiftCardActivityView[]> {
  const names = await selectStaffNames(deps.db, [
    ...new Set(
      activity.flatMap((entry) =>
        [entry.staffId, entry.approvedByStaffId].filter((id): id is string => id !== null),
      ),
    ),
  ]);
  return activity.map((entry) => ({
    id: entry.id,
    kind: entry.kind,
    amount: entry.amount,
    balanceAfter: entry.balanceAfter,
    stateAfter: entry.stateAfter,
    saleId: entry.saleId,
    outletId: entry.outletId,
    staffName: (entry.staffId && names.get(entry.staffId)) || null,
    approvedByName: (entry.approvedByStaffId && names.get(entry.approvedByStaffId)) || null,
    reason: entry.reason,
    at: entry.createdAt.toISOString(),
  }));
}

/** A scanned or typed card that holds `currency`; every refusal names `field`. */
export async function cardInCurrency({
  deps,
  raw,
  currency,
  field,
}: {
  deps: ServiceDeps;
  raw: string;
  currency: string;
  field: string;
}): Promise<Result<GiftCardRecord>> {
  const number = normaliseGiftCardNumber(raw, field);
  if (!number.ok) return number;
  const card = await findGiftCardByNumber(deps.db, number.value);
  if (!card) return fail('gift_card_not_found', 'No gift card with that number', { field });
  if (card.currency !== currency) {
    return invalid(field, `this gift card holds ${card.currency}, not ${currency}`);
  }
  return ok(card);
}
