import { sql, type RawBuilder } from 'kysely';
import type { TopOrder } from '../domain/insights/segments.ts';
import { outletFilter } from './birthday-lookups.ts';
import type { Db } from './database.ts';
import { openToProfiling } from './profiling.ts';

/**
 * The Insights lists and charts, read from the precomputed customer_insights rows joined
 * to customers open to profiling (an objection takes effect at once, not at the next
 * recompute). Lists carry names and numbers only, never a contact detail.
 *
 * Outlet filter: the outlet of most of the customer's visits (from the recompute), else
 * the outlet they signed up at.
 */
export type InsightListRow = {
  customerId: string;
  number: string;
  name: string;
  segment: string;
  lastPurchaseOn: string;
  visits12m: number;
  spend12m: number;
  value12m: number | null;
  valueAtRisk: number;
  pAlive: number | null;
  typicalGapDays: number | null;
  valuePercentile: number;
};

export type Page = { limit: number; offset: number };

const profiled = sql`c.status = 'active' AND ${openToProfiling('c')}`;

async function selectList(
  db: Db,
  {
    where,
    orderBy,
    outletId,
    page,
  }: {
    where: RawBuilder<unknown>;
    orderBy: RawBuilder<unknown>;
    outletId: string | null;
    page: Page;
  },
): Promise<{ rows: InsightListRow[]; total: number }> {
  const result = await sql<Record<string, unknown>>`
    SELECT c.id, c.number, c.name, ci.segment, ci.last_purchase_on::text AS last_on,
      ci.visits_12m, ci.spend_12m, ci.value_12m, ci.value_at_risk, ci.p_alive,
      ci.typical_gap_days, ci.value_percentile, count(*) OVER () AS total
    FROM customer_insights ci JOIN customers c ON c.id = ci.customer_id
    WHERE ${profiled} AND ${where} ${outletFilter(outletId)}
    ORDER BY ${orderBy}, c.name, c.id
    LIMIT ${page.limit} OFFSET ${page.offset}
  `.execute(db);
  const number = (value: unknown) => (value === null ? null : Number(value));
  return {
    rows: result.rows.map((row) => ({
      customerId: String(row.id),
      number: String(row.number),
      name: String(row.name),
      segment: String(row.segment),
      lastPurchaseOn: String(row.last_on),
      visits12m: Number(row.visits_12m),
      spend12m: Number(row.spend_12m),
      value12m: number(row.value_12m),
      valueAtRisk: Number(row.value_at_risk),
      pAlive: number(row.p_alive),
      typicalGapDays: number(row.typical_gap_days),
      valuePercentile: Number(row.value_percentile),
    })),
    total: Number(result.rows[0]?.total ?? 0),
  };
}

/** Lapsed customers, most value at risk first. */
export function selectLapsed(db: Db, input: { outletId: string | null; page: Page }) {
  return selectList(db, { ...input, where: sql`ci.lapsed`, orderBy: sql`ci.value_at_risk DESC` });
}

const topOrder: Record<TopOrder, RawBuilder<unknown>> = {
  // The recompute's own ranking: expected 12-month value (model) or 12-month spend (rule).
  value: sql`ci.value_percentile DESC, ci.spend_12m DESC`,
  spend: sql`ci.spend_12m DESC`,
  frequency: sql`ci.visits_12m DESC, ci.spend_12m DESC`,
};

export function selectTop(db: Db, input: { by: TopOrder; outletId: string | null; page: Page }) {
  return selectList(db, { ...input, where: sql`true`, orderBy: topOrder[input.by] });
}

export function selectSegmentMembers(
  db: Db,
  input: { segment: string; outletId: string | null; page: Page },
) {
  return selectList(db, {
    ...input,
    where: sql`ci.segment = ${input.segment}`,
    orderBy: sql`ci.value_percentile DESC`,
  });
}

/** Counts per R and F score, and per segment. */
export async function selectRfmCounts(db: Db, outletId: string | null) {
  const grid = await sql<{ r: number; f: number; customers: number }>`
    SELECT ci.r_score AS r, ci.f_score AS f, count(*) AS customers
    FROM customer_insights ci JOIN customers c ON c.id = ci.customer_id
    WHERE ${profiled} ${outletFilter(outletId)}
    GROUP BY 1, 2 ORDER BY 1 DESC, 2 DESC
  `.execute(db);
  const segments = await sql<{ segment: string; customers: number }>`
    SELECT ci.segment, count(*) AS customers
    FROM customer_insights ci JOIN customers c ON c.id = ci.customer_id
    WHERE ${profiled} ${outletFilter(outletId)}
    GROUP BY 1 ORDER BY 2 DESC, 1
  `.execute(db);
  return {
    grid: grid.rows.map((row) => ({ r: row.r, f: row.f, customers: Number(row.customers) })),
    segments: segments.rows.map((row) => ({
      segment: row.segment,
      customers: Number(row.customers),
    })),
  };
}

/**
 * Customers by value in ten equal-width buckets from 0 to the largest: expected 12-month
 * value where the model scored them, else the last 12 months' spend.
 */
export async function selectValueBuckets(db: Db, outletId: string | null) {
  const rows = await sql<{ bucket: number; customers: number; top: number }>`
    WITH v AS (
      SELECT greatest(coalesce(ci.value_12m, ci.spend_12m), 0) AS value
      FROM customer_insights ci JOIN customers c ON c.id = ci.customer_id
      WHERE ${profiled} ${outletFilter(outletId)}
    ), m AS (SELECT max(value) AS top FROM v)
    SELECT least(width_bucket(v.value, 0, m.top + 1, 10), 10) AS bucket,
      count(*) AS customers, max(m.top) AS top
    FROM v, m GROUP BY 1 ORDER BY 1
  `.execute(db);
  const top = Number(rows.rows[0]?.top ?? 0);
  const width = Math.ceil((top + 1) / 10);
  return Array.from({ length: 10 }, (_, i) => ({
    from: i * width,
    to: (i + 1) * width,
    customers: Number(rows.rows.find((row) => Number(row.bucket) === i + 1)?.customers ?? 0),
  }));
}

/**
 * Visits (a customer's purchase days) per week, Monday-based, over the weeks starting
 * on or after `since`, at the sales' own outlet when filtered.
 */
export async function selectVisitsPerWeek(
  db: Db,
  { since, outletId }: { since: string; outletId: string | null },
) {
  const rows = await sql<{ week: string; visits: number }>`
    SELECT date_trunc('week', d.day)::date::text AS week, count(*) AS visits
    FROM (
      SELECT DISTINCT s.customer_id, (s.completed_at AT TIME ZONE ou.time_zone)::date AS day
      FROM sales s
      JOIN outlets ou ON ou.id = s.outlet_id
      JOIN customers c ON c.id = s.customer_id
      WHERE ${profiled} AND s.kind = 'sale' AND s.voided_at IS NULL
        AND s.completed_at >= ${since}::date
        ${outletId === null ? sql`` : sql`AND s.outlet_id = ${outletId}`}
    ) d
    GROUP BY 1 ORDER BY 1
  `.execute(db);
  return rows.rows.map((row) => ({ week: row.week, visits: Number(row.visits) }));
}
