import { negate, type Minor } from '../../domain/units.ts';
import { formatAmount } from '../../domain/money.ts';
import { fail, invalid, ok, type Result } from '../../domain/result.ts';
import {
  drawFromLots,
  spendableCredit,
  type StoreCreditEntryKind,
} from '../../domain/store-credit.ts';
import type { Db } from '../../store/database.ts';
import { newId } from '../../store/ids.ts';
import {
  changeStoreCreditBalance,
  drawLots,
  insertCreditLot,
  insertStoreCreditEntry,
  selectOpenLots,
  type StoreCreditAccount,
  type StoreCreditEntryRecord,
} from '../../store/store-credit.ts';
import type { LedgerContext } from './gift-card-ledger.ts';

/** An entry as every store credit change writes it: who, where, why and under which key. */
export function storeCreditEntry({
  accountId,
  kind,
  amount,
  balanceAfter,
  expiresAt,
  context,
}: {
  accountId: string;
  kind: StoreCreditEntryKind;
  amount: Minor;
  balanceAfter: Minor;
  expiresAt: Date | null;
  context: LedgerContext;
}): StoreCreditEntryRecord {
  return {
    id: newId(),
    accountId,
    kind,
    amount,
    balanceAfter,
    expiresAt,
    saleId: context.saleId,
    outletId: context.outletId,
    staffId: context.actor.kind === 'staff' ? context.actor.staffId : null,
    apiKeyId: context.actor.kind === 'api_key' ? context.actor.apiKeyId : null,
    reason: context.reason,
    idempotencyKey: context.idempotencyKey,
    requestHash: context.requestHash,
    createdAt: context.at,
  };
}

function checkAmount(amount: number): Result<number> {
  if (!Number.isSafeInteger(amount) || amount <= 0)
    return invalid('amount', 'amount must be above 0');
  return ok(amount);
}

/** Adds credit as a new lot (with its own expiry) and appends the entry, in `trx`. */
export async function creditStoreCredit({
  trx,
  account,
  credit,
  context,
}: {
  trx: Db;
  account: StoreCreditAccount;
  credit: { kind: StoreCreditEntryKind; amount: Minor; expiresAt: Date | null };
  context: LedgerContext;
}): Promise<Result<StoreCreditEntryRecord>> {
  const amount = checkAmount(credit.amount);
  if (!amount.ok) return amount;
  const balance = await changeStoreCreditBalance(trx, account.id, credit.amount, context.at);
  if (balance === undefined) throw new Error(`store credit account ${account.id} vanished`);
  const entry = storeCreditEntry({
    accountId: account.id,
    kind: credit.kind,
    amount: credit.amount,
    balanceAfter: balance,
    expiresAt: credit.expiresAt,
    context,
  });
  await insertStoreCreditEntry(trx, entry);
  await insertCreditLot(trx, {
    accountId: account.id,
    entryId: entry.id,
    amount: credit.amount,
    expiresAt: credit.expiresAt,
    at: context.at,
  });
  return ok(entry);
}

/**
 * Takes credit out, soonest-expiring lots first. The guarded balance update comes first:
 * it refuses an overspend outright and holds the account's row lock while the lots are
 * drawn, so two tills spending the same credit queue rather than race.
 */
export async function debitStoreCredit({
  trx,
  account,
  debit,
  context,
}: {
  trx: Db;
  account: StoreCreditAccount;
  debit: { kind: StoreCreditEntryKind; amount: Minor };
  context: LedgerContext;
}): Promise<Result<StoreCreditEntryRecord>> {
  const amount = checkAmount(debit.amount);
  if (!amount.ok) return amount;
  const label = (minor: number) => `${formatAmount(minor, account.currency)} ${account.currency}`;
  const balance = await changeStoreCreditBalance(trx, account.id, negate(debit.amount), context.at);
  const lots = balance === undefined ? [] : await selectOpenLots(trx, account.id);
  const uses = balance === undefined ? null : drawFromLots(lots, debit.amount, context.at);
  if (balance === undefined || uses === null) {
    const spendable = balance === undefined ? null : spendableCredit(lots, context.at);
    return fail(
      'insufficient_balance',
      spendable === null
        ? `The store credit does not cover ${label(debit.amount)}`
        : `The store credit holds only ${label(spendable)} that has not expired`,
      { field: 'amount', ...(spendable === null ? {} : { details: { balance: spendable } }) },
    );
  }
  const entry = storeCreditEntry({
    accountId: account.id,
    kind: debit.kind,
    amount: negate(debit.amount),
    balanceAfter: balance,
    expiresAt: null,
    context,
  });
  await insertStoreCreditEntry(trx, entry);
  await drawLots(trx, entry.id, uses);
  return ok(entry);
}
