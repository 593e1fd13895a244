import { noPoints, type Points } from '../domain/units.ts';
import { sql, type Selectable } from 'kysely';
import type { Db } from './database.ts';
import { newId } from './ids.ts';
import type { LoyaltyEventsTable } from './schema.ts';

import type { LoyaltyEventKind } from '../domain/loyalty-events.ts';
export { loyaltyEventKinds, type LoyaltyEventKind } from '../domain/loyalty-events.ts';

export type LoyaltyEventRecord = {
  id: string;
  customerId: string;
  kind: LoyaltyEventKind;
  points: Points;
  balanceAfter: Points;
  saleId: string | null;
  ruleVersion: number | null;
  promotionId: string | null;
  rewardId: string | null;
  reasonCode: string | null;
  reason: string | null;
  staffId: string | null;
  approvedByStaffId: string | null;
  details: Record<string, unknown>;
  idempotencyKey: string;
  createdAt: Date;
};

function toEvent(row: Selectable<LoyaltyEventsTable>): LoyaltyEventRecord {
  return {
    id: row.id,
    customerId: row.customer_id,
    kind: row.kind as LoyaltyEventKind,
    points: row.points,
    balanceAfter: row.balance_after,
    saleId: row.sale_id,
    ruleVersion: row.rule_version,
    promotionId: row.promotion_id,
    rewardId: row.reward_id,
    reasonCode: row.reason_code,
    reason: row.reason,
    staffId: row.staff_id,
    approvedByStaffId: row.approved_by_staff_id,
    details: (row.details ?? {}) as Record<string, unknown>,
    idempotencyKey: row.idempotency_key,
    createdAt: row.created_at,
  };
}

/** The balance; with `lock`, the account's row stays locked to the end of the transaction. */
export async function findLoyaltyBalance(
  db: Db,
  customerId: string,
  options: { lock?: boolean } = {},
): Promise<Points> {
  let query = db
    .selectFrom('loyalty_accounts')
    .select('balance')
    .where('customer_id', '=', customerId);
  if (options.lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row?.balance ?? noPoints;
}

/**
 * Moves a customer's points by `points` with a guarded update that also takes the
 * account's row lock for the rest of the transaction. A debit below zero is refused
 * unless `mayGoNegative`. Undefined when refused.
 */
export async function changeLoyaltyBalance(
  db: Db,
  customerId: string,
  points: Points,
  options: { mayGoNegative: boolean; at: Date },
): Promise<Points | undefined> {
  await db
    .insertInto('loyalty_accounts')
    .values({ customer_id: customerId, balance: noPoints, updated_at: options.at })
    .onConflict((conflict) => conflict.column('customer_id').doNothing())
    .execute();
  let query = db
    .updateTable('loyalty_accounts')
    .set({ balance: sql`balance + ${points}`, updated_at: options.at })
    .where('customer_id', '=', customerId);
  if (points < 0 && !options.mayGoNegative) {
    query = query.where(sql<boolean>`balance + ${points} >= 0`);
  }
  const row = await query.returning('balance').executeTakeFirst();
  return row?.balance;
}

export async function insertLoyaltyEvent(db: Db, event: LoyaltyEventRecord): Promise<void> {
  await db
    .insertInto('loyalty_events')
    .values({
      id: event.id,
      customer_id: event.customerId,
      kind: event.kind,
      points: event.points,
      balance_after: event.balanceAfter,
      sale_id: event.saleId,
      rule_version: event.ruleVersion,
      promotion_id: event.promotionId,
      reward_id: event.rewardId,
      reason_code: event.reasonCode,
      reason: event.reason,
      staff_id: event.staffId,
      approved_by_staff_id: event.approvedByStaffId,
      details: JSON.stringify(event.details),
      idempotency_key: event.idempotencyKey,
      created_at: event.createdAt,
    })
    .execute();
}

export async function findLoyaltyEventByKey(
  db: Db,
  key: string,
): Promise<LoyaltyEventRecord | undefined> {
  const row = await db
    .selectFrom('loyalty_events')
    .selectAll()
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return row ? toEvent(row) : undefined;
}

export async function selectLoyaltyEvents(
  db: Db,
  customerId: string,
  limit = 500,
): Promise<LoyaltyEventRecord[]> {
  const rows = await db
    .selectFrom('loyalty_events')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toEvent);
}

export type PointsLot = {
  id: string;
  remaining: Points;
  expiresAt: Date | null;
  createdAt: Date;
  /** The sale whose points made the lot (null for bonuses and adjustments). */
  saleId: string | null;
};

/** Adds earned points as a lot; while the balance is negative, the debt is paid first. */
export async function insertPointsLot(
  db: Db,
  lot: { customerId: string; eventId: string; points: Points; expiresAt: Date | null; at: Date },
): Promise<void> {
  if (lot.points <= 0) return;
  await db
    .insertInto('loyalty_lots')
    .values({
      id: newId(),
      customer_id: lot.customerId,
      event_id: lot.eventId,
      points: lot.points,
      remaining: lot.points,
      expires_at: lot.expiresAt,
      created_at: lot.at,
    })
    .execute();
}

export async function selectOpenPointsLots(db: Db, customerId: string): Promise<PointsLot[]> {
  const rows = await db
    .selectFrom('loyalty_lots as l')
    .innerJoin('loyalty_events as e', 'e.id', 'l.event_id')
    .select(['l.id', 'l.remaining', 'l.expires_at', 'l.created_at', 'e.sale_id'])
    .where('l.customer_id', '=', customerId)
    .where('l.remaining', '>', noPoints)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    remaining: row.remaining,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    saleId: row.sale_id,
  }));
}

export async function takeFromPointsLot(db: Db, lotId: string, points: Points): Promise<void> {
  const result = await db
    .updateTable('loyalty_lots')
    .set({ remaining: sql`remaining - ${points}` })
    .where('id', '=', lotId)
    .where('remaining', '>=', points)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new Error(`points lot ${lotId} overdrawn`);
}

/** Customers with lots past expiry that still hold points, for the expiry run. */
export async function selectCustomersWithExpiredPoints(
  db: Db,
  now: Date,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('loyalty_lots')
    .select('customer_id')
    .distinct()
    .where('remaining', '>', noPoints)
    .where('expires_at', '<=', now)
    .limit(limit)
    .execute();
  return rows.map((row) => row.customer_id);
}

export async function moveLoyalty(db: Db, fromCustomerId: string, toCustomerId: string) {
  await db
    .updateTable('loyalty_lots')
    .set({ customer_id: toCustomerId })
    .where('customer_id', '=', fromCustomerId)
    .execute();
}

/**
 * Accounts whose balance is not the sum of their events, or whose positive balance is not
 * what their lots hold (none, ever).
 */
export async function selectLoyaltyMismatches(db: Db): Promise<string[]> {
  const rows = await sql<{ customer_id: string }>`
    SELECT a.customer_id FROM loyalty_accounts a
    WHERE a.balance <> coalesce((SELECT sum(points) FROM loyalty_events e WHERE e.customer_id = a.customer_id), 0)
       OR greatest(a.balance, 0) <> coalesce((SELECT sum(remaining) FROM loyalty_lots l WHERE l.customer_id = a.customer_id), 0)
  `.execute(db);
  return rows.rows.map((row) => row.customer_id);
}
