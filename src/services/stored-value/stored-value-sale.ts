import { normaliseEmail } from '../../domain/contact-details.ts';
import {
  checkCardCanPay,
  giftCardNumber,
  maskGiftCardNumber,
  type GiftCardOperation,
} from '../../domain/gift-cards.ts';
import { expiryAfterMonths } from '../../domain/local-time.ts';
import { invalid, ok, type Result } from '../../domain/result.ts';
import { spendableCredit, type StoreCreditEntryKind } from '../../domain/store-credit.ts';
import type { SettledTender, TenderInput } from '../../domain/tenders.ts';
import type { Db } from '../../store/database.ts';
import { insertGiftCards, type GiftCardRecord } from '../../store/gift-cards.ts';
import { newId } from '../../store/ids.ts';
import type { SaleLineRecord } from '../../store/sales.ts';
import {
  ensureStoreCreditAccount,
  findStoreCreditAccount,
  selectOpenLots,
  type StoreCreditAccount,
} from '../../store/store-credit.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { changeGiftCard, type LedgerContext } from './gift-card-ledger.ts';
import { cardInCurrency } from './gift-card-views.ts';
import { getShopSettings } from '../shop/settings.ts';
import { creditStoreCredit, debitStoreCredit } from './store-credit-ledger.ts';

/** How a caller pays: gift cards by number, store credit from the sale's customer. */
export type TenderRequest =
  | { kind: 'cash'; received: number }
  | { kind: 'card'; amount: number; reference: string }
  | { kind: 'gift_card'; number: string; amount?: number }
  | { kind: 'store_credit'; amount?: number };

/** Selling a gift card (a pre-printed one by number, or a digital one sent by email) or store credit. */
export type LiabilityLineInput =
  | { kind: 'gift_card'; number?: string; amount: number; email?: string }
  | { kind: 'store_credit'; amount: number };

/** A change to a stored-value account that a sale, return or void makes when it is written. */
export type LedgerAction =
  | {
      kind: 'gift_card';
      card: GiftCardRecord;
      /** A digital card made by this sale: inserted before it is activated. */
      create: boolean;
      operation: GiftCardOperation;
      keySuffix: string;
      expectedBalance?: number;
    }
  | {
      kind: 'store_credit';
      customerId: string;
      currency: string;
      entryKind: StoreCreditEntryKind;
      /** Positive adds credit, negative spends it. */
      amount: number;
      expiresAt: Date | null;
      keySuffix: string;
    };

/**
 * Looks up the gift cards and store credit a sale is to be paid with, so the tenders can
 * be checked (a card with no amount pays what it holds, up to what is due). The balances
 * read here are a first look: the sale settles again under the accounts' locks.
 */
export async function resolveTenders({
  deps,
  currency,
  customerId,
  requests,
}: {
  deps: ServiceDeps;
  currency: string;
  customerId: string | null;
  requests: readonly TenderRequest[];
}): Promise<Result<{ tenders: TenderInput[]; cards: GiftCardRecord[] }>> {
  const tenders: TenderInput[] = [];
  const cards: GiftCardRecord[] = [];
  const seen = new Set<string>();
  for (const [index, request] of requests.entries()) {
    const field = `tenders[${index}]`;
    if (request.kind === 'gift_card') {
      const card = await usableCard(deps, request.number, currency, `${field}.number`);
      if (!card.ok) return card;
      if (seen.has(card.value.id)) {
        return invalid(`${field}.number`, 'each gift card may pay once in a sale');
      }
      seen.add(card.value.id);
      cards.push(card.value);
      tenders.push({
        kind: 'gift_card',
        ...(request.amount !== undefined ? { amount: request.amount } : {}),
        available: card.value.balance,
        giftCardId: card.value.id,
        reference: maskGiftCardNumber(card.value.number),
      });
    } else if (request.kind === 'store_credit') {
      if (!customerId) {
        return invalid(field, 'store credit pays only for a sale with its customer attached');
      }
      if (seen.has('store_credit')) return invalid(field, 'store credit may pay once in a sale');
      seen.add('store_credit');
      const account = await findStoreCreditAccount(deps.db, customerId, currency);
      const available = account
        ? spendableCredit(await selectOpenLots(deps.db, account.id), deps.now())
        : 0;
      tenders.push({
        kind: 'store_credit',
        ...(request.amount !== undefined ? { amount: request.amount } : {}),
        available,
        accountId: account?.id ?? '',
      });
    } else {
      tenders.push(request);
    }
  }
  return ok({ tenders, cards });
}

/** The ledger side of settled tenders: gift cards and store credit are spent. */
export function tenderActions({
  settled,
  cards,
  sale,
}: {
  settled: readonly SettledTender[];
  cards: readonly GiftCardRecord[];
  sale: { customerId: string | null; currency: string };
}): LedgerAction[] {
  const actions: LedgerAction[] = [];
  for (const [position, tender] of settled.entries()) {
    const keySuffix = `tender:${position}`;
    if (tender.kind === 'gift_card') {
      const card = cards.find((candidate) => candidate.id === tender.giftCardId)!;
      actions.push({
        kind: 'gift_card',
        card,
        create: false,
        operation: { kind: 'REDEEM', amount: tender.amount },
        keySuffix,
      });
    } else if (tender.kind === 'store_credit') {
      actions.push({
        kind: 'store_credit',
        customerId: sale.customerId!,
        currency: sale.currency,
        entryKind: 'REDEEM',
        amount: -tender.amount,
        expiresAt: null,
        keySuffix,
      });
    }
  }
  return actions;
}

async function usableCard(
  deps: ServiceDeps,
  raw: string,
  currency: string,
  field: string,
): Promise<Result<GiftCardRecord>> {
  const found = await cardInCurrency({ deps, raw, currency, field });
  if (!found.ok) return found;
  const card = found.value;
  const usable = checkCardCanPay(card, deps.now());
  if (!usable.ok) return { ...usable, field };
  return ok(card);
}

function liabilityLine(
  saleId: string,
  customerId: string | null,
  lineNo: number,
  amount: number,
  card: GiftCardRecord | null,
): SaleLineRecord {
  return {
    id: newId(),
    saleId,
    lineNo,
    customerId,
    productId: null,
    sku: card ? 'GIFT-CARD' : 'STORE-CREDIT',
    name: card ? `Gift card ${maskGiftCardNumber(card.number)}` : 'Store credit',
    category: null,
    brand: null,
    size: null,
    colour: null,
    quantity: 1,
    unitPrice: amount,
    discount: 0,
    taxRateBp: 0,
    tax: 0,
    total: amount,
    returnedQuantity: 0,
    originalLineId: null,
    kind: card ? 'gift_card' : 'store_credit',
    giftCardId: card?.id ?? null,
    pointsEarned: 0,
    pointsRedeemed: 0,
    groupDiscount: 0,
    rewardDiscount: 0,
  };
}

/**
 * Lines that sell stored value. A pre-printed card is activated with the amount (or topped
 * up if already active); without a number a digital card is made, to be emailed.
 */
export async function resolveLiabilityLine({
  deps,
  sale,
  line,
  lineNo,
  field,
}: {
  deps: ServiceDeps;
  sale: { id: string; currency: string; customerId: string | null };
  line: LiabilityLineInput;
  lineNo: number;
  field: string;
}): Promise<Result<{ record: SaleLineRecord; action: LedgerAction }>> {
  if (!Number.isSafeInteger(line.amount) || line.amount <= 0) {
    return invalid(`${field}.amount`, `${field}.amount must be a positive amount`);
  }
  const keySuffix = `line:${lineNo}`;
  if (line.kind === 'store_credit') {
    if (!sale.customerId) {
      return invalid(field, 'store credit can be sold only with the customer attached');
    }
    return ok({
      record: liabilityLine(sale.id, sale.customerId, lineNo, line.amount, null),
      action: {
        kind: 'store_credit',
        customerId: sale.customerId,
        currency: sale.currency,
        entryKind: 'TOP_UP',
        amount: line.amount,
        // Credit the customer paid for never expires.
        expiresAt: null,
        keySuffix,
      },
    });
  }
  const settings = await getShopSettings(deps.db);
  const activate = {
    kind: 'ACTIVATE' as const,
    amount: line.amount,
    expiresAt: expiryAfterMonths(deps.now(), settings.giftCardExpiryMonths),
  };
  if (line.number === undefined) {
    const email = line.email === undefined ? null : normaliseEmail(line.email, `${field}.email`);
    if (email && !email.ok) return email;
    if (!line.email) {
      return invalid(
        field,
        `${field} needs the number of the card being sold, or an email for a digital card`,
      );
    }
    const card = digitalCard(deps, sale.currency);
    return ok({
      record: liabilityLine(sale.id, sale.customerId, lineNo, line.amount, card),
      action: { kind: 'gift_card', card, create: true, operation: activate, keySuffix },
    });
  }
  const found = await cardInCurrency({
    deps,
    raw: line.number,
    currency: sale.currency,
    field: `${field}.number`,
  });
  if (!found.ok) return found;
  const card = found.value;
  const operation: GiftCardOperation =
    card.state === 'PENDING' ? activate : { kind: 'LOAD', amount: line.amount };
  return ok({
    record: liabilityLine(sale.id, sale.customerId, lineNo, line.amount, card),
    action: { kind: 'gift_card', card, create: false, operation, keySuffix },
  });
}

function digitalCard(deps: ServiceDeps, currency: string): GiftCardRecord {
  // Digital cards start with 9 so they are told apart from pre-printed ranges.
  const body = `9${String(deps.randomInt(0, 10_000_000_000)).padStart(10, '0')}`;
  return {
    id: newId(),
    number: giftCardNumber(body),
    currency,
    state: 'PENDING',
    balance: 0,
    digital: true,
    customerId: null,
    issuedOutletId: null,
    batchLabel: null,
    activatedAt: null,
    expiresAt: null,
    createdAt: deps.now(),
  };
}

/**
 * Applies a sale's (or return's, or void's) ledger actions inside its transaction, in a
 * fixed order (by account) so two sales touching the same cards cannot deadlock. The
 * first refusal rolls the whole sale back: all tenders commit, or none.
 */
export async function applyLedgerActions({
  trx,
  actions,
  context,
}: {
  trx: Db;
  actions: readonly LedgerAction[];
  context: Omit<LedgerContext, 'idempotencyKey'> & { keyPrefix: string };
}): Promise<Result<void>> {
  const sortKey = (action: LedgerAction) =>
    action.kind === 'gift_card' ? `g:${action.card.id}` : `s:${action.customerId}`;
  const ordered = [...actions].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  const { keyPrefix, ...shared } = context;
  for (const action of ordered) {
    const ledgerContext: LedgerContext = {
      ...shared,
      idempotencyKey: `${keyPrefix}:${action.keySuffix}`,
    };
    if (action.kind === 'gift_card') {
      if (action.create) {
        const added = await insertGiftCards(trx, [{ ...action.card, batchLabel: null }]);
        if (added !== 1) throw new Error('digital gift card number collided; retry the sale');
      }
      const changed = await changeGiftCard({
        trx,
        card: action.card,
        operation: action.operation,
        context: ledgerContext,
        options: {
          ...(action.expectedBalance !== undefined
            ? { expectedBalance: action.expectedBalance }
            : {}),
        },
      });
      if (!changed.ok) return changed;
      continue;
    }
    const account: StoreCreditAccount = await ensureStoreCreditAccount(
      trx,
      action.customerId,
      action.currency,
    );
    const result =
      action.amount > 0
        ? await creditStoreCredit({
            trx,
            account,
            credit: { kind: action.entryKind, amount: action.amount, expiresAt: action.expiresAt },
            context: ledgerContext,
          })
        : await debitStoreCredit({
            trx,
            account,
            debit: { kind: action.entryKind, amount: -action.amount },
            context: ledgerContext,
          });
    if (!result.ok) return result;
  }
  return ok(undefined);
}
