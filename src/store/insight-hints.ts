import { sql } from 'kysely';
import type { StoredInsight } from '../domain/insights/till-hint.ts';
import {
  countCustomerPage,
  customerColumns,
  filterCustomerPage,
  fromCustomers,
  toCustomerRow,
  type CustomerListFilter,
  type CustomerRow,
  type CustomersQuery,
} from './customers.ts';
import type { Db } from './database.ts';
import { openToProfiling } from './profiling.ts';
import { preparedQuery } from './prepared-statements.ts';
import type { InsightMethod } from './schema.ts';

/** What the till's insight hint needs: the precomputed scores (if any) and the points. */
export type TillInsightRow = { stored: StoredInsight | null; pointsBalance: number };

/**
 * A customer row read together with its till hint: null for a customer who objected to
 * profiling, was erased or merged (they get no hint at all).
 */
export type CustomerWithHintRow = CustomerRow & { tillHint: TillInsightRow | null };

/**
 * Joins the hint's rows to `customers c` on primary keys and selects them, so a look-up
 * reads the customer and the hint in one round trip. The profiling rule is part of the
 * join: an objector's or erased customer's scores never leave the database.
 */
function joinTillHint(query: CustomersQuery) {
  return query
    .leftJoin('customer_insights as ci', (join) =>
      join.onRef('ci.customer_id', '=', 'c.id').on(hintAllowed()),
    )
    .leftJoin('loyalty_accounts as la', 'la.customer_id', 'c.id')
    .select([
      hintAllowed().as('hint_allowed'),
      'ci.computed_at as hint_computed_at',
      'ci.method as hint_method',
      'ci.typical_gap_days as hint_gap_days',
      sql<string | null>`ci.last_purchase_on::text`.as('hint_last_on'),
      'ci.lapsed as hint_lapsed',
      'ci.value_percentile as hint_value_percentile',
      'ci.segment as hint_segment',
      'la.balance as hint_points',
    ]);
}

const hintAllowed = () => sql<boolean>`(c.status = 'active' AND ${openToProfiling('c')})`;

type HintColumns = {
  hint_allowed: boolean;
  hint_computed_at: Date | null;
  hint_method: InsightMethod | null;
  hint_gap_days: number | null;
  hint_last_on: string | null;
  hint_lapsed: boolean | null;
  hint_value_percentile: number | null;
  hint_segment: string | null;
  hint_points: number | string | null;
};

function toTillInsightRow(row: HintColumns): TillInsightRow | null {
  if (!row.hint_allowed) return null;
  const stored: StoredInsight | null =
    row.hint_method === null
      ? null
      : {
          computedAt: new Date(row.hint_computed_at!),
          method: row.hint_method,
          typicalGapDays: row.hint_gap_days === null ? null : Number(row.hint_gap_days),
          lastPurchaseOn: String(row.hint_last_on),
          lapsed: Boolean(row.hint_lapsed),
          valuePercentile: Number(row.hint_value_percentile),
          segment: String(row.hint_segment),
        };
  return { stored, pointsBalance: Number(row.hint_points ?? 0) };
}

/**
 * The till's look-up: the customer row and its hint in one query on primary keys,
 * compiled once and prepared. It runs on every scan at the till: building
 * it afresh (two joins, nine hint columns) cost more than the join, and so did the
 * server parsing and planning it each time.
 */
const lookUp = preparedQuery((db) =>
  joinTillHint(fromCustomers(db).where('c.id', '=', '')).select(
    customerColumns.map((column) => `c.${column}` as const),
  ),
);

export async function findCustomerWithHintById(
  db: Db,
  id: string,
): Promise<CustomerWithHintRow | undefined> {
  const [row] = await lookUp(db, [id]);
  return row ? { ...toCustomerRow(row), tillHint: toTillInsightRow(row) } : undefined;
}

/** The back-office list page (as `selectCustomerPage`) with each customer's hint joined. */
export async function selectCustomerPageWithHints(
  db: Db,
  filter: CustomerListFilter,
): Promise<{ rows: CustomerWithHintRow[]; total: number }> {
  const query = filterCustomerPage(db, filter);
  const rows = await joinTillHint(query)
    .select(customerColumns.map((column) => `c.${column}` as const))
    .orderBy('c.search_name')
    .orderBy('c.id')
    .offset(filter.offset)
    .limit(filter.limit)
    .execute();
  return {
    rows: rows.map((row) => ({ ...toCustomerRow(row), tillHint: toTillInsightRow(row) })),
    total: await countCustomerPage(query),
  };
}

/**
 * The hints of customers whose row was read without them (a view built from a row just
 * written): one query on primary keys, the same joins. Customers who get no hint are
 * absent from the map.
 */
export async function selectTillInsightRows(
  db: Db,
  customerIds: string[],
): Promise<Map<string, TillInsightRow>> {
  if (customerIds.length === 0) return new Map();
  const rows = await joinTillHint(fromCustomers(db).where('c.id', 'in', customerIds))
    .select('c.id')
    .execute();
  return new Map(
    rows.flatMap((row) => {
      const hint = toTillInsightRow(row);
      return hint ? [[row.id, hint] as const] : [];
    }),
  );
}
