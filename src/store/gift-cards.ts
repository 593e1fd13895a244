import { sql, type Selectable } from 'kysely';
import { minor, noMoney, type Minor } from '../domain/units.ts';
import type { GiftCardActivityKind, GiftCardState } from '../domain/gift-cards.ts';
import type { Db } from './database.ts';
import type { GiftCardActivitiesTable, GiftCardsTable } from './schema.ts';

export type GiftCardRecord = {
  id: string;
  number: string;
  currency: string;
  state: GiftCardState;
  balance: Minor;
  digital: boolean;
  customerId: string | null;
  issuedOutletId: string | null;
  batchLabel: string | null;
  activatedAt: Date | null;
  expiresAt: Date | null;
  createdAt: Date;
};

export type GiftCardActivityRecord = {
  id: string;
  giftCardId: string;
  kind: GiftCardActivityKind;
  amount: Minor;
  balanceAfter: Minor;
  stateAfter: GiftCardState;
  saleId: string | null;
  outletId: string | null;
  staffId: string | null;
  apiKeyId: string | null;
  approvedByStaffId: string | null;
  reason: string | null;
  idempotencyKey: string;
  requestHash: Buffer | null;
  createdAt: Date;
};

const cardColumns = [
  'id',
  'number',
  'currency',
  'state',
  'balance',
  'digital',
  'customer_id',
  'issued_outlet_id',
  'batch_label',
  'activated_at',
  'expires_at',
  'created_at',
] as const;

type CardRow = Pick<Selectable<GiftCardsTable>, (typeof cardColumns)[number]>;

function toCard(row: CardRow): GiftCardRecord {
  return {
    id: row.id,
    number: row.number,
    currency: row.currency,
    state: row.state,
    balance: row.balance,
    digital: row.digital,
    customerId: row.customer_id,
    issuedOutletId: row.issued_outlet_id,
    batchLabel: row.batch_label,
    activatedAt: row.activated_at,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
  };
}

function toActivity(row: Selectable<GiftCardActivitiesTable>): GiftCardActivityRecord {
  return {
    id: row.id,
    giftCardId: row.gift_card_id,
    kind: row.kind as GiftCardActivityKind,
    amount: row.amount,
    balanceAfter: row.balance_after,
    stateAfter: row.state_after as GiftCardState,
    saleId: row.sale_id,
    outletId: row.outlet_id,
    staffId: row.staff_id,
    apiKeyId: row.api_key_id,
    approvedByStaffId: row.approved_by_staff_id,
    reason: row.reason,
    idempotencyKey: row.idempotency_key,
    requestHash: row.request_hash,
    createdAt: row.created_at,
  };
}

/** Inserts new cards; numbers already on file are skipped. Returns how many were added. */
export async function insertGiftCards(
  db: Db,
  cards: {
    id: string;
    number: string;
    currency: string;
    state: GiftCardState;
    digital: boolean;
    batchLabel: string | null;
  }[],
): Promise<number> {
  let added = 0;
  for (let start = 0; start < cards.length; start += 1000) {
    const result = await db
      .insertInto('gift_cards')
      .values(
        cards.slice(start, start + 1000).map((card) => ({
          id: card.id,
          number: card.number,
          currency: card.currency,
          state: card.state,
          balance: noMoney,
          digital: card.digital,
          customer_id: null,
          issued_outlet_id: null,
          batch_label: card.batchLabel,
          activated_at: null,
          expires_at: null,
        })),
      )
      .onConflict((conflict) => conflict.column('number').doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return added;
}

export async function findGiftCardByNumber(
  db: Db,
  number: string,
): Promise<GiftCardRecord | undefined> {
  const row = await db
    .selectFrom('gift_cards')
    .select(cardColumns)
    .where('number', '=', number)
    .executeTakeFirst();
  return row ? toCard(row) : undefined;
}

export async function selectGiftCardsByIds(db: Db, ids: string[]): Promise<GiftCardRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('gift_cards')
    .select(cardColumns)
    .where('id', 'in', ids)
    .execute();
  return rows.map(toCard);
}

/**
 * The cards as they are now, each row locked to the end of the transaction. Locked in id
 * order, the order every sale, return and void takes them in, so two never deadlock.
 */
export async function lockGiftCardsByIds(db: Db, ids: string[]): Promise<GiftCardRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('gift_cards')
    .select(cardColumns)
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute();
  return rows.map(toCard);
}

/**
 * Applies a planned change with a guarded update: the state must still be what the plan
 * saw and the balance must stay at or above zero. A redemption also requires the card
 * not to have expired by `now`. Concurrent changes queue on the row lock and each is
 * re-checked against the row as the previous one left it, so none can overspend.
 * Undefined when the guard did not hold (the caller re-reads and explains).
 */
export async function applyGiftCardChange(
  db: Db,
  change: {
    cardId: string;
    amount: Minor;
    expectedState: GiftCardState;
    stateAfter: GiftCardState;
    /** Refuse if the card expired by then (redeem, load, refund). */
    unexpiredAt?: Date;
    /** The balance must be exactly this (deactivating a just-sold card on a void). */
    expectedBalance?: Minor;
    activation?: { at: Date; expiresAt: Date | null; outletId: string | null };
    customerId?: string | null;
    at: Date;
  },
  /** The activity to append with the balance the update leaves. */
  activity: Omit<GiftCardActivityRecord, 'balanceAfter'>,
): Promise<{ balance: Minor } | undefined> {
  let query = db
    .updateTable('gift_cards')
    .set({
      balance: sql`balance + ${change.amount}`,
      state: change.stateAfter,
      updated_at: change.at,
      ...(change.activation
        ? {
            activated_at: change.activation.at,
            expires_at: change.activation.expiresAt,
            issued_outlet_id: change.activation.outletId,
          }
        : {}),
      ...(change.customerId ? { customer_id: change.customerId } : {}),
    })
    .where('id', '=', change.cardId)
    .where('state', '=', change.expectedState)
    .where(sql<boolean>`balance + ${change.amount} >= 0`);
  if (change.unexpiredAt) {
    const at = change.unexpiredAt;
    query = query.where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)]));
  }
  if (change.expectedBalance !== undefined) {
    query = query.where('balance', '=', change.expectedBalance);
  }
  // One statement: the card's row lock is held from the update to the commit, so the
  // activity rides along instead of costing another round trip under the lock.
  const result = await sql<{ balance_after: Minor }>`
    WITH updated AS (${query.returning('balance')})
    INSERT INTO gift_card_activities (id, gift_card_id, kind, amount, balance_after, state_after,
      sale_id, outlet_id, staff_id, api_key_id, approved_by_staff_id, reason, idempotency_key,
      request_hash, created_at)
    SELECT ${activity.id}::uuid, ${activity.giftCardId}::uuid, ${activity.kind}::text,
      ${activity.amount}::bigint, updated.balance, ${activity.stateAfter}::text,
      ${activity.saleId}::uuid, ${activity.outletId}::uuid, ${activity.staffId}::uuid,
      ${activity.apiKeyId}::uuid, ${activity.approvedByStaffId}::uuid, ${activity.reason}::text,
      ${activity.idempotencyKey}::text, ${activity.requestHash}::bytea, ${activity.createdAt}::timestamptz
    FROM updated
    RETURNING balance_after
  `.execute(db);
  const row = result.rows[0];
  return row ? { balance: minor(Number(row.balance_after)) } : undefined;
}

export async function findGiftCardActivityByKey(
  db: Db,
  key: string,
): Promise<GiftCardActivityRecord | undefined> {
  const row = await db
    .selectFrom('gift_card_activities')
    .selectAll()
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return row ? toActivity(row) : undefined;
}

export async function selectGiftCardActivities(
  db: Db,
  cardId: string,
): Promise<GiftCardActivityRecord[]> {
  const rows = await db
    .selectFrom('gift_card_activities')
    .selectAll()
    .where('gift_card_id', '=', cardId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toActivity);
}

export async function selectGiftCardActivitiesOfSales(
  db: Db,
  saleIds: string[],
): Promise<GiftCardActivityRecord[]> {
  if (saleIds.length === 0) return [];
  const rows = await db
    .selectFrom('gift_card_activities')
    .selectAll()
    .where('sale_id', 'in', saleIds)
    .orderBy('id')
    .execute();
  return rows.map(toActivity);
}

export type GiftCardFilter = {
  numberPrefix?: string;
  customerId?: string;
  state?: GiftCardState;
  limit: number;
};

export async function searchGiftCards(db: Db, filter: GiftCardFilter): Promise<GiftCardRecord[]> {
  let query = db.selectFrom('gift_cards').select(cardColumns);
  if (filter.numberPrefix) query = query.where('number', 'like', `${filter.numberPrefix}%`);
  if (filter.customerId) query = query.where('customer_id', '=', filter.customerId);
  if (filter.state) query = query.where('state', '=', filter.state);
  const rows = await query.orderBy('number').limit(filter.limit).execute();
  return rows.map(toCard);
}

/** Cards past their expiry that still hold money, for the expiry job. */
export async function selectExpiredGiftCardIds(
  db: Db,
  now: Date,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('gift_cards')
    .select('id')
    .where('balance', '>', noMoney)
    .where('expires_at', '<=', now)
    .where('state', 'in', ['ACTIVE', 'BLOCKED'])
    .orderBy('expires_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

export async function setGiftCardCustomer(
  db: Db,
  cardId: string,
  customerId: string | null,
): Promise<void> {
  await db
    .updateTable('gift_cards')
    .set({ customer_id: customerId })
    .where('id', '=', cardId)
    .execute();
}

export async function moveGiftCards(db: Db, fromCustomerId: string, toCustomerId: string) {
  await db
    .updateTable('gift_cards')
    .set({ customer_id: toCustomerId })
    .where('customer_id', '=', fromCustomerId)
    .execute();
}

/** Every card whose balance differs from the sum of its activities (should be none). */
export async function selectGiftCardLedgerMismatches(db: Db): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    SELECT c.id FROM gift_cards c
    LEFT JOIN gift_card_activities a ON a.gift_card_id = c.id
    GROUP BY c.id, c.balance
    HAVING c.balance <> coalesce(sum(a.amount), 0)
  `.execute(db);
  return rows.rows.map((row) => row.id);
}
