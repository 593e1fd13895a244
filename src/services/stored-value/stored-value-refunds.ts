import { minor } from '../../domain/units.ts';
import { maskGiftCardNumber } from '../../domain/gift-cards.ts';
import { expiryAfterMonths } from '../../domain/local-time.ts';
import { invalid, ok, type Result } from '../../domain/result.ts';
import type { Db } from '../../store/database.ts';
import { selectGiftCardsByIds, type GiftCardRecord } from '../../store/gift-cards.ts';
import type { SaleTenderRecord } from '../../store/sales.ts';
import { selectLotExpiries, selectStoreCreditEntriesOfSales } from '../../store/store-credit.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { cardInCurrency } from './gift-card-views.ts';
import { getShopSettings } from '../shop/settings.ts';
import type { LedgerAction } from './stored-value-sale.ts';

/** Where a return's money goes: back the way it was paid, or all to store credit or a gift card. */
export type RefundDestination = 'original' | 'store_credit' | { giftCard: string };

export type ResolvedDestination =
  { kind: 'original' } | { kind: 'store_credit' } | { kind: 'gift_card'; card: GiftCardRecord };

export async function resolveRefundDestination({
  deps,
  destination,
  currency,
}: {
  deps: ServiceDeps;
  destination: RefundDestination | undefined;
  currency: string;
}): Promise<Result<ResolvedDestination>> {
  if (destination === undefined || destination === 'original') return ok({ kind: 'original' });
  if (destination === 'store_credit') return ok({ kind: 'store_credit' });
  const card = await cardInCurrency({
    deps,
    raw: destination.giftCard,
    currency,
    field: 'refundTo.giftCard',
  });
  if (!card.ok) return card;
  return ok({ kind: 'gift_card', card: card.value });
}

/**
 * Sends the refund parts that are not kept for an exchange to the chosen destination:
 * one store credit or gift card part replaces the others.
 */
export function redirectRefund({
  tenders,
  destination,
  storeCreditAccountId,
}: {
  tenders: SaleTenderRecord[];
  destination: ResolvedDestination;
  storeCreditAccountId: string | null;
}): SaleTenderRecord[] {
  if (destination.kind === 'original') return tenders;
  const kept = tenders.filter((tender) => tender.kind === 'exchange');
  const moving = tenders.filter((tender) => tender.kind !== 'exchange');
  const amount = moving.reduce((sum, tender) => sum + tender.amount, 0);
  if (amount === 0 || moving.length === 0) return tenders;
  const [first] = moving;
  const part: SaleTenderRecord = {
    ...first!,
    kind: destination.kind,
    amount,
    reference:
      destination.kind === 'gift_card' ? maskGiftCardNumber(destination.card.number) : null,
    giftCardId: destination.kind === 'gift_card' ? destination.card.id : null,
    storeCreditAccountId: destination.kind === 'store_credit' ? storeCreditAccountId : null,
  };
  return [...kept, part].map((tender, position) => ({ ...tender, position }));
}

/**
 * The ledger side of a refund's tenders: a gift card that paid is restored (a new card
 * given as the refund is activated with it), store credit is credited. Credit given back
 * for credit spent expires no sooner than the credit it replaces did; fresh credit
 * follows the shop's setting.
 */
export async function refundActions({
  trx,
  expiries,
  tenders,
  refund,
}: {
  trx: Db;
  expiries: RefundExpiries;
  tenders: readonly SaleTenderRecord[];
  refund: {
    customerId: string | null;
    currency: string;
    originalSaleIds: string[];
    /** The refund was sent to store credit rather than back to what paid. */
    redirected: boolean;
  };
}): Promise<Result<LedgerAction[]>> {
  const actions: LedgerAction[] = [];
  const cardIds = tenders.flatMap((tender) => (tender.giftCardId ? [tender.giftCardId] : []));
  const cards = await selectGiftCardsByIds(trx, cardIds);
  for (const tender of tenders) {
    const amount = minor(-tender.amount);
    if (amount <= 0) continue;
    const keySuffix = `tender:${tender.position}`;
    if (tender.kind === 'gift_card') {
      const card = cards.find((candidate) => candidate.id === tender.giftCardId)!;
      actions.push({
        kind: 'gift_card',
        card,
        create: false,
        operation:
          card.state === 'PENDING'
            ? { kind: 'ACTIVATE', amount, expiresAt: expiries.giftCard }
            : { kind: 'REFUND', amount },
        keySuffix,
      });
    } else if (tender.kind === 'store_credit') {
      if (!refund.customerId) {
        return invalid('refundTo', 'store credit needs a customer: attach one to the sale first');
      }
      actions.push({
        kind: 'store_credit',
        customerId: refund.customerId,
        currency: refund.currency,
        entryKind: 'REFUND',
        amount,
        expiresAt: refund.redirected
          ? expiries.freshCredit
          : await spentCreditExpiry(trx, refund.originalSaleIds),
        keySuffix,
      });
    }
  }
  return ok(actions);
}

/** Expiry dates by the shop's settings, read before the transaction that uses them. */
export type RefundExpiries = { giftCard: Date | null; freshCredit: Date | null };

export async function refundExpiries(deps: ServiceDeps): Promise<RefundExpiries> {
  const settings = await getShopSettings(deps.db);
  return {
    giftCard: expiryAfterMonths(deps.now(), settings.giftCardExpiryMonths),
    freshCredit: expiryAfterMonths(deps.now(), settings.storeCreditExpiryMonths),
  };
}

/** The latest expiry among the lots the original sales spent (null if any never expires). */
async function spentCreditExpiry(trx: Db, saleIds: string[]): Promise<Date | null> {
  const spends = (await selectStoreCreditEntriesOfSales(trx, saleIds)).filter(
    (entry) => entry.kind === 'REDEEM',
  );
  const expiries = await selectLotExpiries(
    trx,
    spends.map((entry) => entry.id),
  );
  if (expiries.length === 0 || expiries.some((expiry) => expiry === null)) return null;
  return new Date(Math.max(...expiries.map((expiry) => expiry!.getTime())));
}
