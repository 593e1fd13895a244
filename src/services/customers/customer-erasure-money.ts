import {
  pointsErasureReason,
  storeCreditErasureReason,
  type ErasureChoices,
  type MoneyOwed,
} from '../../domain/erasure.ts';
import { ok, type Result } from '../../domain/result.ts';
import { spendableCredit } from '../../domain/store-credit.ts';
import { minor, negate, points, type Minor, type Points } from '../../domain/units.ts';
import type { Db } from '../../store/database.ts';
import { findLoyaltyBalance } from '../../store/loyalty.ts';
import {
  lockStoreCreditAccount,
  selectOpenLots,
  selectStoreCreditAccounts,
  type StoreCreditAccount,
} from '../../store/store-credit.ts';
import { changePoints } from '../loyalty/loyalty-ledger.ts';
import type { Actor } from '../platform/context.ts';
import { debitStoreCredit } from '../stored-value/store-credit-ledger.ts';

/** The money a settled erasure moved, as its report and audit entry show it. */
export type ErasureSettlement = {
  storeCredit: { currency: string; amount: Minor; outcome: 'paid_out' | 'forfeited' }[];
  pointsForfeited: Points;
};

type OwedAccount = { account: StoreCreditAccount; spendable: Minor };

/**
 * What the shop owes the customer, read under the account locks so nothing is spent
 * between this reading and the settlement. Credit past its expiry is not owed: the
 * hourly expiry takes it as it would from anyone.
 */
export async function loadMoneyOwed(
  trx: Db,
  customerId: string,
  at: Date,
): Promise<{ owed: MoneyOwed; accounts: OwedAccount[] }> {
  const accounts: OwedAccount[] = [];
  for (const account of await selectStoreCreditAccounts(trx, customerId)) {
    await lockStoreCreditAccount(trx, account.id);
    const lots = await selectOpenLots(trx, account.id);
    accounts.push({ account, spendable: minor(spendableCredit(lots, at)) });
  }
  const balance = await findLoyaltyBalance(trx, customerId, { lock: true });
  return {
    owed: {
      storeCredit: accounts.map(({ account, spendable }) => ({
        currency: account.currency,
        amount: spendable,
      })),
      points: balance > 0 ? balance : points(0),
    },
    accounts,
  };
}

/**
 * Writes what the admin chose as ledger entries with their reason: store credit paid out
 * or forfeited (an ADJUST_DECREMENT), points forfeited (an ADJUST). Each entry's key is
 * derived from the customer, so the erasure cannot settle twice.
 */
export async function settleMoneyOwed({
  trx,
  actor,
  customerId,
  owed,
  choices,
  at,
}: {
  trx: Db;
  actor: Actor;
  customerId: string;
  owed: { owed: MoneyOwed; accounts: OwedAccount[] };
  choices: ErasureChoices;
  at: Date;
}): Promise<Result<ErasureSettlement>> {
  const settlement: ErasureSettlement = { storeCredit: [], pointsForfeited: points(0) };
  for (const { account, spendable } of owed.accounts) {
    if (spendable <= 0 || !choices.storeCredit) continue;
    const debited = await debitStoreCredit({
      trx,
      account,
      debit: { kind: 'ADJUST_DECREMENT', amount: spendable },
      context: {
        actor,
        outletId: actor.kind === 'staff' ? actor.outletId : null,
        saleId: null,
        reason: storeCreditErasureReason(choices.storeCredit),
        approvedByStaffId: null,
        idempotencyKey: `erasure:${customerId}:store-credit:${account.id}`,
        requestHash: null,
        at,
      },
    });
    if (!debited.ok) return debited;
    settlement.storeCredit.push({
      currency: account.currency,
      amount: spendable,
      outcome: choices.storeCredit,
    });
  }
  if (owed.owed.points > 0 && choices.points) {
    const changed = await changePoints({
      trx,
      actor,
      change: {
        customerId,
        kind: 'ADJUST',
        points: negate(owed.owed.points),
        mayGoNegative: false,
        reasonCode: 'erasure',
        reason: pointsErasureReason,
        idempotencyKey: `erasure:${customerId}:points`,
      },
      at,
    });
    if (!changed.ok) return changed;
    settlement.pointsForfeited = owed.owed.points;
  }
  return ok(settlement);
}
