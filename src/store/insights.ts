import { sql } from 'kysely';
import type { Db } from './database.ts';
import { openToProfiling } from './profiling.ts';
import type { InsightMethod } from './schema.ts';

/**
 * The reads and writes of the insights recompute (services/insights/). Customers are
 * always chosen through openToProfiling: one who objected or was erased is never read,
 * scored or listed.
 */

export type InsightRecord = {
  customerId: string;
  computedAt: Date;
  modelVersion: string;
  method: InsightMethod;
  visitDays: number;
  firstPurchaseOn: string;
  lastPurchaseOn: string;
  pAlive: number | null;
  expected90: number | null;
  expected365: number | null;
  value12m: number | null;
  typicalGapDays: number | null;
  nextDueOn: string | null;
  valueAtRisk: number;
  lapsed: boolean;
  rScore: number;
  fScore: number;
  mScore: number;
  segment: string;
  valuePercentile: number;
  spend12m: number;
  visits12m: number;
  homeOutletId: string | null;
};

/**
 * Writes (or replaces) the rows of one page in one statement: the page goes as one JSON
 * parameter that json_to_recordset turns back into rows, so thousands of customers cost
 * one round trip, and serialising is JSON.stringify's native work rather than a driver
 * quoting every value of 20 arrays. A row written by a later run is never replaced by an
 * earlier one's. A customer who objected to profiling while the run was reading is
 * written here and deleted by the run's last step; until then every reader (the till,
 * the lists) leaves them out by openToProfiling.
 */
export async function upsertInsights(
  db: Db,
  run: { computedAt: Date; modelVersion: string; method: InsightMethod },
  records: InsightRecord[],
): Promise<number> {
  if (records.length === 0) return 0;
  const result = await sql`
    INSERT INTO customer_insights (customer_id, computed_at, model_version, method,
      visit_days, first_purchase_on, last_purchase_on, p_alive, expected_90, expected_365,
      value_12m, typical_gap_days, next_due_on, value_at_risk, lapsed, r_score, f_score,
      m_score, segment, value_percentile, spend_12m, visits_12m, home_outlet_id)
    SELECT u."customerId", ${run.computedAt}, ${run.modelVersion}, ${run.method},
      u."visitDays", u."firstPurchaseOn", u."lastPurchaseOn", u."pAlive", u."expected90",
      u."expected365", u."value12m", u."typicalGapDays", u."nextDueOn", u."valueAtRisk",
      u."lapsed", u."rScore", u."fScore", u."mScore", u."segment", u."valuePercentile",
      u."spend12m", u."visits12m", u."homeOutletId"
    FROM json_to_recordset(${JSON.stringify(records)}::json) AS u("customerId" uuid,
      "visitDays" integer, "firstPurchaseOn" date, "lastPurchaseOn" date,
      "pAlive" double precision, "expected90" double precision,
      "expected365" double precision, "value12m" bigint, "typicalGapDays" double precision,
      "nextDueOn" date, "valueAtRisk" bigint, "lapsed" boolean, "rScore" smallint,
      "fScore" smallint, "mScore" smallint, "segment" text,
      "valuePercentile" double precision, "spend12m" bigint, "visits12m" integer,
      "homeOutletId" uuid)
    ON CONFLICT (customer_id) DO UPDATE SET
      computed_at = excluded.computed_at, model_version = excluded.model_version,
      method = excluded.method, visit_days = excluded.visit_days,
      first_purchase_on = excluded.first_purchase_on,
      last_purchase_on = excluded.last_purchase_on, p_alive = excluded.p_alive,
      expected_90 = excluded.expected_90, expected_365 = excluded.expected_365,
      value_12m = excluded.value_12m, typical_gap_days = excluded.typical_gap_days,
      next_due_on = excluded.next_due_on, value_at_risk = excluded.value_at_risk,
      lapsed = excluded.lapsed, r_score = excluded.r_score, f_score = excluded.f_score,
      m_score = excluded.m_score, segment = excluded.segment,
      value_percentile = excluded.value_percentile, spend_12m = excluded.spend_12m,
      visits_12m = excluded.visits_12m, home_outlet_id = excluded.home_outlet_id
    WHERE customer_insights.computed_at <= excluded.computed_at
  `.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * After a run has written every scored customer: the rows it did not write belong to
 * customers who no longer have a purchase (every one returned) and go.
 */
export async function deleteInsightsComputedBefore(db: Db, computedAt: Date): Promise<number> {
  const result = await db
    .deleteFrom('customer_insights')
    .where('computed_at', '<', computedAt)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Rows of customers who objected, were erased or merged away: all of them, or among
 * `customerIds`. Returns how many went.
 */
export async function deleteInsightsNotOpenToProfiling(
  db: Db,
  customerIds?: string[],
): Promise<number> {
  const result = await sql`
    DELETE FROM customer_insights ci USING customers c
    WHERE c.id = ci.customer_id AND NOT (c.status = 'active' AND ${openToProfiling('c')})
      ${customerIds ? sql`AND ci.customer_id = ANY(${customerIds}::uuid[])` : sql``}
  `.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** An erasure step: the customer's scores go with them. */
export async function deleteInsightsOfCustomer(db: Db, customerId: string): Promise<void> {
  await db.deleteFrom('customer_insights').where('customer_id', '=', customerId).execute();
}

export type InsightRunRecord = {
  id: string;
  startedAt: Date;
  finishedAt: Date;
  method: InsightMethod;
  modelVersion: string;
  params: Record<string, number> | null;
  customers: number;
  customersWithPurchase: number;
  historyDays: number;
  converged: boolean | null;
  fallbackReason: string | null;
  removed: number;
  durationMs: number;
};

export async function insertInsightRun(db: Db, run: InsightRunRecord): Promise<void> {
  await db
    .insertInto('insight_runs')
    .values({
      id: run.id,
      started_at: run.startedAt,
      finished_at: run.finishedAt,
      method: run.method,
      model_version: run.modelVersion,
      params: JSON.stringify(run.params),
      customers: run.customers,
      customers_with_purchase: run.customersWithPurchase,
      history_days: run.historyDays,
      converged: run.converged,
      fallback_reason: run.fallbackReason,
      removed: run.removed,
      duration_ms: run.durationMs,
    })
    .execute();
}

export async function selectLatestInsightRun(db: Db): Promise<InsightRunRecord | null> {
  const row = await db
    .selectFrom('insight_runs')
    .selectAll()
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    method: row.method,
    modelVersion: row.model_version,
    params: row.params as Record<string, number> | null,
    customers: row.customers,
    customersWithPurchase: row.customers_with_purchase,
    historyDays: row.history_days,
    converged: row.converged,
    fallbackReason: row.fallback_reason,
    removed: row.removed,
    durationMs: row.duration_ms,
  };
}

export type StoredInsightRow = InsightRecord;

/**
 * The stored rows of `customerIds` (one primary-key look-up each). `profiledOnly` leaves
 * out customers who objected or were erased since the last recompute (the till, lists);
 * the customer's own data export reads what is stored, whatever it is.
 */
export async function selectStoredInsights(
  db: Db,
  { customerIds, profiledOnly }: { customerIds: string[]; profiledOnly: boolean },
): Promise<StoredInsightRow[]> {
  if (customerIds.length === 0) return [];
  const rows = await sql<Record<string, unknown>>`
    SELECT ci.*, ci.first_purchase_on::text AS first_on, ci.last_purchase_on::text AS last_on,
      ci.next_due_on::text AS due_on
    FROM customer_insights ci JOIN customers c ON c.id = ci.customer_id
    WHERE ci.customer_id = ANY(${customerIds}::uuid[])
      ${profiledOnly ? sql`AND ${openToProfiling('c')}` : sql``}
  `.execute(db);
  return rows.rows.map(toStoredInsight);
}

const numberOrNull = (value: unknown) => (value === null ? null : Number(value));

export function toStoredInsight(row: Record<string, unknown>): StoredInsightRow {
  return {
    customerId: String(row.customer_id),
    computedAt: new Date(row.computed_at as Date),
    modelVersion: String(row.model_version),
    method: row.method as InsightMethod,
    visitDays: Number(row.visit_days),
    firstPurchaseOn: String(row.first_on),
    lastPurchaseOn: String(row.last_on),
    pAlive: numberOrNull(row.p_alive),
    expected90: numberOrNull(row.expected_90),
    expected365: numberOrNull(row.expected_365),
    value12m: numberOrNull(row.value_12m),
    typicalGapDays: numberOrNull(row.typical_gap_days),
    nextDueOn: row.due_on === null ? null : String(row.due_on),
    valueAtRisk: Number(row.value_at_risk),
    lapsed: Boolean(row.lapsed),
    rScore: Number(row.r_score),
    fScore: Number(row.f_score),
    mScore: Number(row.m_score),
    segment: String(row.segment),
    valuePercentile: Number(row.value_percentile),
    spend12m: Number(row.spend_12m),
    visits12m: Number(row.visits_12m),
    homeOutletId: row.home_outlet_id === null ? null : String(row.home_outlet_id),
  };
}
