import { negate, noMoney } from '../../domain/units.ts';
import type { Db } from '../../store/database.ts';
import { moveGiftCards } from '../../store/gift-cards.ts';
import { systemLedgerContext } from './gift-card-ledger.ts';
import { storeCreditEntry } from './store-credit-ledger.ts';
import {
  changeStoreCreditBalance,
  findStoreCreditAccount,
  ensureStoreCreditAccount,
  insertStoreCreditEntry,
  lockStoreCreditAccount,
  moveLots,
  selectStoreCreditAccounts,
} from '../../store/store-credit.ts';

/**
 * On a merge the survivor gets the merged customer's gift cards and store credit. Credit
 * moves as a MERGE_OUT / MERGE_IN pair of entries, and its lots move with it, so every
 * expiry date is kept and both accounts still equal the sum of their entries.
 */
export async function mergeStoredValue(
  trx: Db,
  merge: { survivorId: string; mergedId: string },
): Promise<void> {
  await moveGiftCards(trx, merge.mergedId, merge.survivorId);
  const at = new Date();
  for (const from of await selectStoreCreditAccounts(trx, merge.mergedId)) {
    const to = await ensureStoreCreditAccount(trx, merge.survivorId, from.currency);
    // Lock in id order, as any two-account change must, so merges never deadlock.
    for (const id of [from.id, to.id].sort()) await lockStoreCreditAccount(trx, id);
    // The balance as it stands under the lock, not as read before it.
    const amount =
      (await findStoreCreditAccount(trx, merge.mergedId, from.currency))?.balance ?? noMoney;
    if (amount === 0) continue;
    await moveLots(trx, from.id, to.id);
    const fromBalance = await changeStoreCreditBalance(trx, from.id, negate(amount), at);
    const toBalance = await changeStoreCreditBalance(trx, to.id, amount, at);
    const context = (accountId: string, kind: string) =>
      systemLedgerContext({
        reason: 'customer records merged',
        idempotencyKey: `merge:${merge.mergedId}:${accountId}:${kind}`,
        at,
      });
    await insertStoreCreditEntry(
      trx,
      storeCreditEntry({
        accountId: from.id,
        kind: 'MERGE_OUT',
        amount: negate(amount),
        balanceAfter: fromBalance!,
        expiresAt: null,
        context: context(from.id, 'MERGE_OUT'),
      }),
    );
    await insertStoreCreditEntry(
      trx,
      storeCreditEntry({
        accountId: to.id,
        kind: 'MERGE_IN',
        amount,
        balanceAfter: toBalance!,
        expiresAt: null,
        context: context(to.id, 'MERGE_IN'),
      }),
    );
  }
}
