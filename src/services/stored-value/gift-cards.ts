import { giftCardRange, maskGiftCardNumber, type GiftCardState } from '../../domain/gift-cards.ts';
import { fail, invalid, ok, type Result } from '../../domain/result.ts';
import { findCustomerById } from '../../store/customers.ts';
import {
  insertGiftCards,
  searchGiftCards,
  selectGiftCardActivities,
  setGiftCardCustomer,
} from '../../store/gift-cards.ts';
import { newId } from '../../store/ids.ts';
import { recordAudit } from '../platform/audit.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import {
  activityViews,
  cardByNumber,
  giftCardView,
  type GiftCardActivityView,
  type GiftCardView,
} from './gift-card-views.ts';

/** Adds a range of pre-printed cards, waiting to be activated when sold. */
export async function generateGiftCards({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps;
  actor: Actor;
  input: { prefix: string; first: number; count: number; currency: string; label: string };
}): Promise<Result<{ added: number; skipped: number; firstNumber: string; lastNumber: string }>> {
  if (!/^[A-Z]{3}$/.test(input.currency)) {
    return invalid('currency', 'currency must be a three-letter code like GBP');
  }
  const label = input.label.trim();
  if (label === '' || label.length > 60) return invalid('label', 'label must be 1–60 characters');
  const numbers = giftCardRange(input.prefix, input.first, input.count);
  if (!numbers.ok) return numbers;
  const added = await insertGiftCards(
    deps.db,
    numbers.value.map((number) => ({
      id: newId(),
      number,
      currency: input.currency,
      state: 'PENDING' as const,
      digital: false,
      batchLabel: label,
    })),
  );
  await recordAudit({
    db: deps.db,
    actor,
    entry: {
      action: 'giftcard.range_generated',
      detail: { label, prefix: input.prefix, first: input.first, count: input.count, added },
    },
  });
  return ok({
    added,
    skipped: numbers.value.length - added,
    firstNumber: numbers.value[0]!,
    lastNumber: numbers.value.at(-1)!,
  });
}

export async function findGiftCards(
  deps: ServiceDeps,
  filter: { number?: string; customerId?: string; state?: GiftCardState },
): Promise<GiftCardView[]> {
  const prefix = filter.number?.replace(/[\s-]/g, '');
  if (prefix !== undefined && !/^\d{0,12}$/.test(prefix)) return [];
  const cards = await searchGiftCards(deps.db, {
    ...(prefix ? { numberPrefix: prefix } : {}),
    ...(filter.customerId ? { customerId: filter.customerId } : {}),
    ...(filter.state ? { state: filter.state } : {}),
    limit: 50,
  });
  return cards.map((card) => giftCardView(card, deps.now()));
}

export async function giftCardWithActivity(
  deps: ServiceDeps,
  number: string,
): Promise<Result<{ card: GiftCardView; activity: GiftCardActivityView[] }>> {
  const card = await cardByNumber(deps, number);
  if (!card.ok) return card;
  const activity = await selectGiftCardActivities(deps.db, card.value.id);
  return ok({
    card: giftCardView(card.value, deps.now()),
    activity: await activityViews(deps, activity),
  });
}

/**
 * The till's balance check. Every check is in the audit log (by the card's last four
 * digits) so guessing numbers shows up; the route limits how often one caller may ask.
 */
export async function checkGiftCardBalance({
  deps,
  actor,
  number,
}: {
  deps: ServiceDeps;
  actor: Actor;
  number: string;
}): Promise<
  Result<{
    number: string;
    currency: string;
    balance: number;
    state: GiftCardState;
    expiresAt: string | null;
    expired: boolean;
  }>
> {
  const card = await cardByNumber(deps, number);
  await recordAudit({
    db: deps.db,
    actor,
    entry: {
      action: card.ok ? 'giftcard.balance_checked' : 'giftcard.balance_check_failed',
      ...(card.ok ? { subjectType: 'gift_card', subjectId: card.value.id } : {}),
      detail: { last4: number.replace(/\D/g, '').slice(-4) },
    },
  });
  if (!card.ok) return card;
  const view = giftCardView(card.value, deps.now());
  return ok({
    number: maskGiftCardNumber(view.number),
    currency: view.currency,
    balance: view.balance,
    state: view.state,
    expiresAt: view.expiresAt,
    expired: view.expired,
  });
}

/** Links a card to a customer (or unlinks it with null), for their profile. */
export async function linkGiftCard({
  deps,
  actor,
  number,
  customerId,
}: {
  deps: ServiceDeps;
  actor: Actor;
  number: string;
  customerId: string | null;
}): Promise<Result<GiftCardView>> {
  const card = await cardByNumber(deps, number);
  if (!card.ok) return card;
  if (customerId) {
    const customer = await findCustomerById(deps.db, customerId);
    if (customer?.status !== 'active') {
      return fail('customer_not_found', 'No active customer with that id', {
        field: 'customerId',
      });
    }
  }
  await setGiftCardCustomer(deps.db, card.value.id, customerId);
  await recordAudit({
    db: deps.db,
    actor,
    entry: {
      action: customerId ? 'giftcard.linked' : 'giftcard.unlinked',
      subjectType: 'gift_card',
      subjectId: card.value.id,
      detail: { customerId },
    },
  });
  return ok(giftCardView({ ...card.value, customerId }, deps.now()));
}
