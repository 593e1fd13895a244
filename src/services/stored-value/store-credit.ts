import { negate, type Minor } from '../../domain/units.ts';
import { expiringByDate } from '../../domain/expiring-lots.ts';
import { expiryAfterMonths } from '../../domain/local-time.ts';
import { fail, invalid, ok, type Result } from '../../domain/result.ts';
import { spendableCredit } from '../../domain/store-credit.ts';
import { checkFreeText } from '../../domain/tenders.ts';
import { findCustomerById } from '../../store/customers.ts';
import { selectStaffNames } from '../../store/staff.ts';
import {
  ensureStoreCreditAccount,
  findStoreCreditEntryByKey,
  selectOpenLots,
  selectStoreCreditAccounts,
  selectStoreCreditEntries,
  type StoreCreditEntryRecord,
} from '../../store/store-credit.ts';
import { inTransaction, isUniqueViolation } from '../../store/transaction.ts';
import { recordAudit } from '../platform/audit.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import { sameDigest, sha256 } from '../platform/secrets.ts';
import { getShopSettings } from '../shop/settings.ts';
import { creditStoreCredit, debitStoreCredit } from './store-credit-ledger.ts';

export type StoreCreditEntryView = {
  id: string;
  currency: string;
  kind: string;
  amount: number;
  balanceAfter: number;
  expiresAt: string | null;
  saleId: string | null;
  staffName: string | null;
  reason: string | null;
  at: string;
};

export type StoreCreditView = {
  accounts: {
    currency: string;
    balance: number;
    /** The balance less credit past its expiry that the expiry run has not yet taken. */
    spendable: number;
    /** Credit that will expire, soonest first. */
    expiring: { amount: number; expiresAt: string }[];
  }[];
  entries: StoreCreditEntryView[];
};

export async function storeCreditOf(
  deps: ServiceDeps,
  customerId: string,
): Promise<Result<StoreCreditView>> {
  const customer = await findCustomerById(deps.db, customerId);
  if (!customer) return fail('customer_not_found', 'No customer with that id');
  const accounts = await selectStoreCreditAccounts(deps.db, customerId);
  const now = deps.now();
  const views: StoreCreditView['accounts'] = [];
  for (const account of accounts) {
    const lots = await selectOpenLots(deps.db, account.id);
    views.push({
      currency: account.currency,
      balance: account.balance,
      spendable: spendableCredit(lots, now),
      expiring: expiringByDate(lots).map((due) => ({
        amount: due.remaining,
        expiresAt: due.expiresAt.toISOString(),
      })),
    });
  }
  const entries = await selectStoreCreditEntries(
    deps.db,
    accounts.map((account) => account.id),
  );
  return ok({ accounts: views, entries: await entryViews(deps, entries, accounts) });
}

async function entryViews(
  deps: ServiceDeps,
  entries: StoreCreditEntryRecord[],
  accounts: { id: string; currency: string }[],
): Promise<StoreCreditEntryView[]> {
  const names = await selectStaffNames(deps.db, [
    ...new Set(entries.flatMap((entry) => (entry.staffId ? [entry.staffId] : []))),
  ]);
  return entries.map((entry) => ({
    id: entry.id,
    currency: accounts.find((account) => account.id === entry.accountId)?.currency ?? '',
    kind: entry.kind,
    amount: entry.amount,
    balanceAfter: entry.balanceAfter,
    expiresAt: entry.expiresAt?.toISOString() ?? null,
    saleId: entry.saleId,
    staffName: (entry.staffId && names.get(entry.staffId)) || null,
    reason: entry.reason,
    at: entry.createdAt.toISOString(),
  }));
}

export type StoreCreditAdjustment = {
  currency: string;
  /** Positive gives credit, negative takes it away. */
  amount: Minor;
  reason: string;
  /** Goodwill credit may expire; by default it follows the shop's setting. */
  expiresAt?: string | null;
};

/**
 * A manager's adjustment, with a reason, under the caller's idempotency key: a retry
 * answers with the entry first written; the same key with other values changes nothing.
 */
export async function adjustStoreCredit({
  deps,
  actor,
  customerId,
  input,
  idempotencyKey,
}: {
  deps: ServiceDeps;
  actor: Actor;
  customerId: string;
  input: StoreCreditAdjustment;
  idempotencyKey: string;
}): Promise<Result<StoreCreditEntryView>> {
  const requestHash = sha256(JSON.stringify({ customerId, ...input }));
  const replay = await replayEntry(deps, idempotencyKey, requestHash, input.currency);
  if (replay) return replay;
  const checked = await checkAdjustment(deps, customerId, input);
  if (!checked.ok) return checked;
  try {
    const written = await inTransaction(deps.db, async (trx) => {
      const account = await ensureStoreCreditAccount(trx, customerId, input.currency);
      const context = {
        actor,
        outletId: actor.kind === 'staff' ? actor.outletId : null,
        saleId: null,
        reason: checked.value.reason,
        approvedByStaffId: null,
        idempotencyKey,
        requestHash,
        at: deps.now(),
      };
      const entry =
        input.amount > 0
          ? await creditStoreCredit({
              trx,
              account,
              credit: {
                kind: 'ADJUST_INCREMENT',
                amount: input.amount,
                expiresAt: checked.value.expiresAt,
              },
              context,
            })
          : await debitStoreCredit({
              trx,
              account,
              debit: { kind: 'ADJUST_DECREMENT', amount: negate(input.amount) },
              context,
            });
      if (!entry.ok) return entry;
      await recordAudit({
        db: trx,
        actor,
        entry: {
          action: 'storecredit.adjusted',
          subjectType: 'customer',
          subjectId: customerId,
          detail: { currency: input.currency, amount: input.amount, reason: checked.value.reason },
        },
      });
      return entry;
    });
    if (!written.ok) return written;
    const [view] = await entryViews(
      deps,
      [written.value],
      [{ id: written.value.accountId, currency: input.currency }],
    );
    return ok(view!);
  } catch (error) {
    if (isUniqueViolation(error)) {
      const raced = await replayEntry(deps, idempotencyKey, requestHash, input.currency);
      if (raced) return raced;
    }
    throw error;
  }
}

async function checkAdjustment(
  deps: ServiceDeps,
  customerId: string,
  input: StoreCreditAdjustment,
): Promise<Result<{ reason: string; expiresAt: Date | null }>> {
  const reason = input.reason.trim();
  if (reason === '' || reason.length > 200) {
    return invalid('reason', 'reason must say why (1–200 characters)');
  }
  const checked = checkFreeText(reason, 'reason');
  if (!checked.ok) return checked;
  if (!Number.isSafeInteger(input.amount) || input.amount === 0) {
    return invalid('amount', 'amount must be a whole number of minor units, not 0');
  }
  if (!/^[A-Z]{3}$/.test(input.currency)) {
    return invalid('currency', 'currency must be a three-letter code like GBP');
  }
  const customer = await findCustomerById(deps.db, customerId);
  if (customer?.status !== 'active') {
    return fail('customer_not_found', 'No active customer with that id');
  }
  let expiresAt: Date | null;
  if (input.expiresAt === undefined) {
    expiresAt = expiryAfterMonths(
      deps.now(),
      (await getShopSettings(deps.db)).storeCreditExpiryMonths,
    );
  } else if (input.expiresAt === null) {
    expiresAt = null;
  } else {
    expiresAt = new Date(input.expiresAt);
    if (Number.isNaN(expiresAt.getTime()) || expiresAt <= deps.now()) {
      return invalid('expiresAt', 'expiresAt must be a date in the future');
    }
  }
  return ok({ reason, expiresAt });
}

async function replayEntry(
  deps: ServiceDeps,
  key: string,
  requestHash: Buffer,
  currency: string,
): Promise<Result<StoreCreditEntryView> | null> {
  const existing = await findStoreCreditEntryByKey(deps.db, key);
  if (!existing) return null;
  if (!existing.requestHash || !sameDigest(existing.requestHash, requestHash)) {
    return fail(
      'idempotency_key_reused',
      'This Idempotency-Key was used for a different change; nothing was changed',
      { field: 'Idempotency-Key' },
    );
  }
  const [view] = await entryViews(deps, [existing], [{ id: existing.accountId, currency }]);
  return ok(view!);
}
