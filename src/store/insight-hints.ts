import { sql } from 'kysely';
import type { Db } from './database.ts';
import { toStoredInsight, type StoredInsightRow } from './insights.ts';
import { openToProfiling } from './profiling.ts';

export type TillInsightRow = { stored: StoredInsightRow | null; pointsBalance: number };

/**
 * What the till's insight hints need for `customerIds`, in one query on primary keys:
 * the precomputed scores (if any) and the points balance. Customers who objected to
 * profiling, were erased or merged are absent from the map: they get no hints at all.
 */
export async function selectTillInsightRows(
  db: Db,
  customerIds: string[],
): Promise<Map<string, TillInsightRow>> {
  if (customerIds.length === 0) return new Map();
  const rows = await sql<Record<string, unknown>>`
    SELECT c.id AS profiled_id, ci.*, ci.first_purchase_on::text AS first_on,
      ci.last_purchase_on::text AS last_on, ci.next_due_on::text AS due_on,
      coalesce(la.balance, 0) AS points_balance
    FROM customers c
    LEFT JOIN customer_insights ci ON ci.customer_id = c.id
    LEFT JOIN loyalty_accounts la ON la.customer_id = c.id
    WHERE c.id = ANY(${customerIds}::uuid[]) AND c.status = 'active' AND ${openToProfiling('c')}
  `.execute(db);
  return new Map(
    rows.rows.map((row) => [
      String(row.profiled_id),
      {
        stored: row.customer_id === null ? null : toStoredInsight(row),
        pointsBalance: Number(row.points_balance),
      },
    ]),
  );
}
