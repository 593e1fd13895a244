import { sql, type Selectable } from 'kysely';
import type { CreditLot, LotUse, StoreCreditEntryKind } from '../domain/store-credit.ts';
import type { Db } from './database.ts';
import { newId } from './ids.ts';
import type { StoreCreditEntriesTable } from './schema.ts';
import { noMoney, type Minor } from '../domain/units.ts';

export type StoreCreditAccount = {
  id: string;
  customerId: string;
  currency: string;
  balance: Minor;
};

export type StoreCreditEntryRecord = {
  id: string;
  accountId: string;
  kind: StoreCreditEntryKind;
  amount: Minor;
  balanceAfter: Minor;
  expiresAt: Date | null;
  saleId: string | null;
  outletId: string | null;
  staffId: string | null;
  apiKeyId: string | null;
  reason: string | null;
  idempotencyKey: string;
  requestHash: Buffer | null;
  createdAt: Date;
};

function toEntry(row: Selectable<StoreCreditEntriesTable>): StoreCreditEntryRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    kind: row.kind as StoreCreditEntryKind,
    amount: row.amount,
    balanceAfter: row.balance_after,
    expiresAt: row.expires_at,
    saleId: row.sale_id,
    outletId: row.outlet_id,
    staffId: row.staff_id,
    apiKeyId: row.api_key_id,
    reason: row.reason,
    idempotencyKey: row.idempotency_key,
    requestHash: row.request_hash,
    createdAt: row.created_at,
  };
}

export async function findStoreCreditAccount(
  db: Db,
  customerId: string,
  currency: string,
): Promise<StoreCreditAccount | undefined> {
  const row = await db
    .selectFrom('store_credit_accounts')
    .select(['id', 'customer_id', 'currency', 'balance'])
    .where('customer_id', '=', customerId)
    .where('currency', '=', currency)
    .executeTakeFirst();
  return row
    ? { id: row.id, customerId: row.customer_id, currency: row.currency, balance: row.balance }
    : undefined;
}

export async function selectStoreCreditAccounts(
  db: Db,
  customerId: string,
): Promise<StoreCreditAccount[]> {
  const rows = await db
    .selectFrom('store_credit_accounts')
    .select(['id', 'customer_id', 'currency', 'balance'])
    .where('customer_id', '=', customerId)
    .orderBy('currency')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    customerId: row.customer_id,
    currency: row.currency,
    balance: row.balance,
  }));
}

/** The customer's account in a currency, opened on first use. */
export async function ensureStoreCreditAccount(
  db: Db,
  customerId: string,
  currency: string,
): Promise<StoreCreditAccount> {
  await db
    .insertInto('store_credit_accounts')
    .values({ id: newId(), customer_id: customerId, currency, balance: noMoney })
    .onConflict((conflict) => conflict.columns(['customer_id', 'currency']).doNothing())
    .execute();
  return (await findStoreCreditAccount(db, customerId, currency))!;
}

/**
 * Moves the balance by `amount` with a guarded update (never below zero). The row lock it
 * takes also serialises everything else done to the account's lots in this transaction.
 * Undefined when the balance does not cover a debit.
 */
export async function changeStoreCreditBalance(
  db: Db,
  accountId: string,
  amount: Minor,
  at: Date,
): Promise<Minor | undefined> {
  const row = await db
    .updateTable('store_credit_accounts')
    .set({ balance: sql`balance + ${amount}`, updated_at: at })
    .where('id', '=', accountId)
    .where(sql<boolean>`balance + ${amount} >= 0`)
    .returning('balance')
    .executeTakeFirst();
  return row?.balance;
}

export async function insertStoreCreditEntry(db: Db, entry: StoreCreditEntryRecord): Promise<void> {
  await db
    .insertInto('store_credit_entries')
    .values({
      id: entry.id,
      account_id: entry.accountId,
      kind: entry.kind,
      amount: entry.amount,
      balance_after: entry.balanceAfter,
      expires_at: entry.expiresAt,
      sale_id: entry.saleId,
      outlet_id: entry.outletId,
      staff_id: entry.staffId,
      api_key_id: entry.apiKeyId,
      reason: entry.reason,
      idempotency_key: entry.idempotencyKey,
      request_hash: entry.requestHash,
      created_at: entry.createdAt,
    })
    .execute();
}

export async function insertCreditLot(
  db: Db,
  lot: { accountId: string; entryId: string; amount: Minor; expiresAt: Date | null; at: Date },
): Promise<void> {
  await db
    .insertInto('store_credit_lots')
    .values({
      id: newId(),
      account_id: lot.accountId,
      entry_id: lot.entryId,
      amount: lot.amount,
      remaining: lot.amount,
      expires_at: lot.expiresAt,
      created_at: lot.at,
    })
    .execute();
}

export async function selectOpenLots(db: Db, accountId: string): Promise<CreditLot[]> {
  const rows = await db
    .selectFrom('store_credit_lots')
    .select(['id', 'remaining', 'expires_at', 'created_at'])
    .where('account_id', '=', accountId)
    .where('remaining', '>', noMoney)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    remaining: row.remaining,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
  }));
}

/** Takes the uses out of their lots and records them against the spending entry. */
export async function drawLots(db: Db, entryId: string, uses: LotUse[]): Promise<void> {
  for (const use of uses) {
    const result = await db
      .updateTable('store_credit_lots')
      .set({ remaining: sql`remaining - ${use.amount}` })
      .where('id', '=', use.lotId)
      .where('remaining', '>=', use.amount)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new Error(`lot ${use.lotId} overdrawn`);
  }
  if (uses.length > 0) {
    await db
      .insertInto('store_credit_lot_uses')
      .values(uses.map((use) => ({ entry_id: entryId, lot_id: use.lotId, amount: use.amount })))
      .execute();
  }
}

/** The lots spending entries drew on (a refund of them expires no sooner than they did). */
export async function selectLotExpiries(db: Db, entryIds: string[]): Promise<(Date | null)[]> {
  if (entryIds.length === 0) return [];
  const rows = await db
    .selectFrom('store_credit_lot_uses')
    .innerJoin('store_credit_lots', 'store_credit_lots.id', 'store_credit_lot_uses.lot_id')
    .select('store_credit_lots.expires_at')
    .where('store_credit_lot_uses.entry_id', 'in', entryIds)
    .execute();
  return rows.map((row) => row.expires_at);
}

/** Takes the account's row lock first, as every change to it does, so lots never deadlock. */
export async function lockStoreCreditAccount(db: Db, accountId: string): Promise<void> {
  await db
    .selectFrom('store_credit_accounts')
    .select('id')
    .where('id', '=', accountId)
    .forUpdate()
    .execute();
}

export async function findStoreCreditEntryByKey(
  db: Db,
  key: string,
): Promise<StoreCreditEntryRecord | undefined> {
  const row = await db
    .selectFrom('store_credit_entries')
    .selectAll()
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return row ? toEntry(row) : undefined;
}

export async function selectStoreCreditEntries(
  db: Db,
  accountIds: string[],
): Promise<StoreCreditEntryRecord[]> {
  if (accountIds.length === 0) return [];
  const rows = await db
    .selectFrom('store_credit_entries')
    .selectAll()
    .where('account_id', 'in', accountIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toEntry);
}

export async function selectStoreCreditEntriesOfSales(
  db: Db,
  saleIds: string[],
): Promise<StoreCreditEntryRecord[]> {
  if (saleIds.length === 0) return [];
  const rows = await db
    .selectFrom('store_credit_entries')
    .selectAll()
    .where('sale_id', 'in', saleIds)
    .orderBy('id')
    .execute();
  return rows.map(toEntry);
}

/** Lots past their expiry that still hold credit, for the expiry job. */
export async function selectExpiredLots(
  db: Db,
  now: Date,
  limit: number,
): Promise<{ id: string; accountId: string }[]> {
  const rows = await db
    .selectFrom('store_credit_lots')
    .select(['id', 'account_id'])
    .where('remaining', '>', noMoney)
    .where('expires_at', '<=', now)
    .orderBy('expires_at')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ id: row.id, accountId: row.account_id }));
}

/**
 * Zeroes a lot and returns what it held (0 when another run got there first). Call with
 * the account locked (`lockStoreCreditAccount`).
 */
export async function emptyLot(db: Db, lotId: string): Promise<Minor> {
  const row = await db
    .selectFrom('store_credit_lots')
    .select('remaining')
    .where('id', '=', lotId)
    .executeTakeFirst();
  if (!row || row.remaining === 0) return noMoney;
  await db
    .updateTable('store_credit_lots')
    .set({ remaining: noMoney })
    .where('id', '=', lotId)
    .execute();
  return row.remaining;
}

/** Moves a merged customer's lots to the survivor's account, keeping their expiry. */
export async function moveLots(db: Db, fromAccountId: string, toAccountId: string): Promise<void> {
  await db
    .updateTable('store_credit_lots')
    .set({ account_id: toAccountId })
    .where('account_id', '=', fromAccountId)
    .where('remaining', '>', noMoney)
    .execute();
}

/** Accounts whose balance differs from the sum of their entries or their lots (none, ever). */
export async function selectStoreCreditMismatches(db: Db): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    SELECT a.id FROM store_credit_accounts a
    WHERE a.balance <> coalesce((SELECT sum(amount) FROM store_credit_entries e WHERE e.account_id = a.id), 0)
       OR a.balance <> coalesce((SELECT sum(remaining) FROM store_credit_lots l WHERE l.account_id = a.id), 0)
  `.execute(db);
  return rows.rows.map((row) => row.id);
}
