import { giftCardNumber, type GiftCardOperation } from '../../domain/gift-cards.ts';
import { ok, type Result } from '../../domain/result.ts';
import type { PlannedLiabilityLine } from '../../domain/sale-plan.ts';
import type { StoreCreditEntryKind } from '../../domain/store-credit.ts';
import type { SettledTender } from '../../domain/tenders.ts';
import { minor, negate, noMoney, type Minor } from '../../domain/units.ts';
import type { Db } from '../../store/database.ts';
import { insertGiftCards, type GiftCardRecord } from '../../store/gift-cards.ts';
import { newId } from '../../store/ids.ts';
import { ensureStoreCreditAccount, type StoreCreditAccount } from '../../store/store-credit.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { changeGiftCard, type LedgerContext } from './gift-card-ledger.ts';
import { creditStoreCredit, debitStoreCredit } from './store-credit-ledger.ts';

/** How a caller pays: gift cards by number, store credit from the sale's customer. */
export type { TenderRequest } from '../../domain/sale-plan.ts';

/** A change to a stored-value account that a sale, return or void makes when it is written. */
export type LedgerAction =
  | {
      kind: 'gift_card';
      card: GiftCardRecord;
      /** A digital card made by this sale: inserted before it is activated. */
      create: boolean;
      operation: GiftCardOperation;
      keySuffix: string;
      expectedBalance?: Minor;
    }
  | {
      kind: 'store_credit';
      customerId: string;
      currency: string;
      entryKind: StoreCreditEntryKind;
      /** Positive adds credit, negative spends it. */
      amount: Minor;
      expiresAt: Date | null;
      keySuffix: string;
    };

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
        operation: { kind: 'REDEEM', amount: minor(tender.amount) },
        keySuffix,
      });
    } else if (tender.kind === 'store_credit') {
      actions.push({
        kind: 'store_credit',
        customerId: sale.customerId!,
        currency: sale.currency,
        entryKind: 'REDEEM',
        amount: minor(-tender.amount),
        expiresAt: null,
        keySuffix,
      });
    }
  }
  return actions;
}

/** What selling stored value does to the ledgers: a gift card activated or loaded, credit added. */
export function liabilityActions(plan: {
  currency: string;
  liabilityLines: readonly PlannedLiabilityLine<GiftCardRecord>[];
}): LedgerAction[] {
  return plan.liabilityLines.map(({ index, amount, sells }) => {
    const keySuffix = `line:${index + 1}`;
    return sells.kind === 'gift_card'
      ? {
          kind: 'gift_card',
          card: sells.card,
          create: sells.create,
          operation: sells.operation,
          keySuffix,
        }
      : {
          kind: 'store_credit',
          customerId: sells.customerId,
          currency: plan.currency,
          entryKind: 'TOP_UP',
          amount,
          // Credit the customer paid for never expires.
          expiresAt: null,
          keySuffix,
        };
  });
}

/** A new digital gift card, not yet stored: a sale that sells one inserts it, then activates it. */
export function mintDigitalCard(deps: ServiceDeps, currency: string): GiftCardRecord {
  // Digital cards start with 9 so they are told apart from pre-printed ranges.
  const body = `9${String(deps.randomInt(0, 10_000_000_000)).padStart(10, '0')}`;
  return {
    id: newId(),
    number: giftCardNumber(body),
    currency,
    state: 'PENDING',
    balance: noMoney,
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
            debit: { kind: action.entryKind, amount: negate(action.amount) },
            context: ledgerContext,
          });
    if (!result.ok) return result;
  }
  return ok(undefined);
}
