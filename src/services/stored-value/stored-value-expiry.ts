import { negate } from '../../domain/units.ts';
import type { Db } from '../../store/database.ts';
import { selectExpiredGiftCardIds, selectGiftCardsByIds } from '../../store/gift-cards.ts';
import { newId } from '../../store/ids.ts';
import {
  changeStoreCreditBalance,
  emptyLot,
  insertStoreCreditEntry,
  lockStoreCreditAccount,
  selectExpiredLots,
} from '../../store/store-credit.ts';
import { inTransaction } from '../../store/transaction.ts';
import { ok } from '../../domain/result.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { changeGiftCard, systemLedgerContext } from './gift-card-ledger.ts';
import { storeCreditEntry } from './store-credit-ledger.ts';

export type ExpiryRun = {
  giftCards: { count: number; amount: number };
  storeCredit: { count: number; amount: number };
};

/**
 * Takes the balance off gift cards and store credit lots past their expiry, each with an
 * EXPIRE entry. Safe to run any number of times, also two at once: what has expired
 * holds nothing afterwards, so a second run finds nothing to do.
 */
export async function expireStoredValue(deps: ServiceDeps): Promise<ExpiryRun> {
  return {
    giftCards: await expireGiftCards(deps),
    storeCredit: await expireStoreCredit(deps),
  };
}

async function expireGiftCards(deps: ServiceDeps): Promise<{ count: number; amount: number }> {
  const totals = { count: 0, amount: 0 };
  for (;;) {
    const now = deps.now();
    const ids = await selectExpiredGiftCardIds(deps.db, now, 200);
    if (ids.length === 0) return totals;
    let progressed = false;
    for (const card of await selectGiftCardsByIds(deps.db, ids)) {
      const expired = await inTransaction(deps.db, (trx) =>
        changeGiftCard({
          trx,
          card,
          operation: { kind: 'EXPIRE' },
          context: systemLedgerContext({
            reason: 'expired',
            idempotencyKey: `expire:${card.id}:${newId()}`,
            at: now,
          }),
          options: { expectedBalance: card.balance },
        }),
      );
      if (expired.ok) {
        totals.count += 1;
        totals.amount += -expired.value.activity.amount;
        progressed = true;
      }
    }
    if (!progressed) return totals;
  }
}

async function expireStoreCredit(deps: ServiceDeps): Promise<{ count: number; amount: number }> {
  const totals = { count: 0, amount: 0 };
  for (;;) {
    const now = deps.now();
    const lots = await selectExpiredLots(deps.db, now, 200);
    if (lots.length === 0) return totals;
    for (const lot of lots) {
      const expired = await inTransaction(deps.db, async (trx) =>
        ok(await expireLot(trx, lot, now)),
      );
      if (expired.ok && expired.value > 0) {
        totals.count += 1;
        totals.amount += expired.value;
      }
    }
  }
}

async function expireLot(trx: Db, lot: { id: string; accountId: string }, now: Date) {
  await lockStoreCreditAccount(trx, lot.accountId);
  const amount = await emptyLot(trx, lot.id);
  if (amount === 0) return 0;
  const balance = await changeStoreCreditBalance(trx, lot.accountId, negate(amount), now);
  if (balance === undefined) throw new Error(`account ${lot.accountId} holds less than its lots`);
  await insertStoreCreditEntry(
    trx,
    storeCreditEntry({
      accountId: lot.accountId,
      kind: 'EXPIRE',
      amount: negate(amount),
      balanceAfter: balance,
      expiresAt: null,
      context: systemLedgerContext({
        reason: 'expired',
        idempotencyKey: `expire:lot:${lot.id}`,
        at: now,
      }),
    }),
  );
  return amount;
}
