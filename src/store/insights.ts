import { sql } from 'kysely';
import type { Db } from './database.ts';
import { openToProfiling } from './profiling.ts';
import type { InsightMethod } from './schema.ts';

/**
 * The reads and writes of the insights recompute (services/insights/). Customers are
 * always chosen through openToProfiling: one who objected or was erased is never read,
 * scored or listed.
 */

/** Active customers open to profiling, in id order, `limit` after `after`. */
export async function selectProfiledCustomerIds(
  db: Db,
  { after, limit }: { after: string | null; limit: number },
): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    SELECT c.id FROM customers c
    WHERE c.status = 'active' AND ${openToProfiling('c')}
      ${after === null ? sql`` : sql`AND c.id > ${after}`}
    ORDER BY c.id
    LIMIT ${limit}
  `.execute(db);
  return rows.rows.map((row) => row.id);
}

/** One customer's purchases as the recompute needs them (dates YYYY-MM-DD). */
export type PurchaseSummaryRow = {
  customerId: string;
  /** Days with a net purchase: one day's purchases count once. */
  visitDays: number;
  firstOn: string;
  lastOn: string;
  /** Net spend over all those days, minor units. */
  netSpend: number;
  firstDayNet: number;
  /** Visit days in the 182 days up to asOf (the fallback rule's window). */
  visitsInRuleWindow: number;
  visits12m: number;
  spend12m: number;
  homeOutletId: string | null;
};

/**
 * Per-customer daily net purchases of `customerIds`, summarised. A day is the outlet's
 * local date; a return nets out against the day of the sale it returns (its own day
 * when it names none), so a purchase returned in full is no visit; gift cards and store
 * credit bought are money held, not spend; a voided sale and its void are left out.
 */
export async function selectPurchaseSummaries(
  db: Db,
  { customerIds, asOf }: { customerIds: string[]; asOf: string },
): Promise<PurchaseSummaryRow[]> {
  if (customerIds.length === 0) return [];
  const rows = await sql<Record<string, string | number | null>>`
    WITH days AS (
      SELECT s.customer_id,
        (coalesce(o.completed_at, s.completed_at) AT TIME ZONE ou.time_zone)::date AS day,
        sum(s.total - s.liability_total) AS net,
        (array_agg(s.outlet_id) FILTER (WHERE s.kind = 'sale'))[1] AS outlet_id
      FROM sales s
      JOIN outlets ou ON ou.id = s.outlet_id
      LEFT JOIN sales o ON o.id = s.original_sale_id
      WHERE s.customer_id = ANY(${customerIds}::uuid[])
        AND s.voided_at IS NULL AND s.source <> 'void'
      GROUP BY 1, 2
      HAVING sum(s.total - s.liability_total) > 0
    ),
    counted AS (SELECT * FROM days WHERE day <= ${asOf}::date)
    SELECT customer_id,
      count(*) AS visit_days,
      min(day)::text AS first_on,
      max(day)::text AS last_on,
      sum(net) AS net_spend,
      (array_agg(net ORDER BY day))[1] AS first_day_net,
      count(*) FILTER (WHERE day > ${asOf}::date - 182) AS visits_window,
      count(*) FILTER (WHERE day > ${asOf}::date - 365) AS visits_12m,
      coalesce(sum(net) FILTER (WHERE day > ${asOf}::date - 365), 0) AS spend_12m,
      mode() WITHIN GROUP (ORDER BY outlet_id) AS home_outlet_id
    FROM counted
    GROUP BY customer_id
  `.execute(db);
  return rows.rows.map((row) => ({
    customerId: String(row.customer_id),
    visitDays: Number(row.visit_days),
    firstOn: String(row.first_on),
    lastOn: String(row.last_on),
    netSpend: Number(row.net_spend),
    firstDayNet: Number(row.first_day_net),
    visitsInRuleWindow: Number(row.visits_window),
    visits12m: Number(row.visits_12m),
    spend12m: Number(row.spend_12m),
    homeOutletId: row.home_outlet_id === null ? null : String(row.home_outlet_id),
  }));
}

/** The local date of the first sale the shop recorded, or null before any. */
export async function selectFirstSaleOn(db: Db): Promise<string | null> {
  const row = await sql<{ first_on: string | null }>`
    SELECT (min(s.completed_at AT TIME ZONE ou.time_zone))::date::text AS first_on
    FROM sales s JOIN outlets ou ON ou.id = s.outlet_id
    WHERE s.voided_at IS NULL AND s.source <> 'void' AND s.customer_id IS NOT NULL
  `.execute(db);
  return row.rows[0]?.first_on ?? null;
}

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

function insightColumns(record: InsightRecord) {
  return {
    customer_id: record.customerId,
    computed_at: record.computedAt,
    model_version: record.modelVersion,
    method: record.method,
    visit_days: record.visitDays,
    first_purchase_on: record.firstPurchaseOn,
    last_purchase_on: record.lastPurchaseOn,
    p_alive: record.pAlive,
    expected_90: record.expected90,
    expected_365: record.expected365,
    value_12m: record.value12m,
    typical_gap_days: record.typicalGapDays,
    next_due_on: record.nextDueOn,
    value_at_risk: record.valueAtRisk,
    lapsed: record.lapsed,
    r_score: record.rScore,
    f_score: record.fScore,
    m_score: record.mScore,
    segment: record.segment,
    value_percentile: record.valuePercentile,
    spend_12m: record.spend12m,
    visits_12m: record.visits12m,
    home_outlet_id: record.homeOutletId,
  };
}

/** Writes (or replaces) the rows of one batch, only for customers still open to profiling. */
export async function upsertInsights(db: Db, records: InsightRecord[]): Promise<number> {
  if (records.length === 0) return 0;
  const columns = records.map(insightColumns);
  const result = await db
    .insertInto('customer_insights')
    .values(columns)
    .onConflict((conflict) =>
      conflict.column('customer_id').doUpdateSet((eb) => {
        const keys = Object.keys(columns[0]!).filter((key) => key !== 'customer_id');
        return Object.fromEntries(
          keys.map((key) => [key, eb.ref(`excluded.${key}` as 'excluded.segment')]),
        );
      }),
    )
    .executeTakeFirst();
  // An objection recorded while the batch was being computed wins over the batch.
  await deleteInsightsNotOpenToProfiling(
    db,
    records.map((record) => record.customerId),
  );
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** Rows of `customerIds` (a batch) whose customer no longer has any purchase. */
export async function deleteInsightsExcept(
  db: Db,
  { customerIds, keep }: { customerIds: string[]; keep: string[] },
): Promise<number> {
  const gone = customerIds.filter((id) => !new Set(keep).has(id));
  if (gone.length === 0) return 0;
  const result = await db
    .deleteFrom('customer_insights')
    .where('customer_id', 'in', gone)
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
