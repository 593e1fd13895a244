import { sql } from 'kysely';
import type { Db } from './database.ts';

/** A customer's sales and returns, newest first, paged by (completed_at, id). */
export async function selectCustomerSaleIds(
  db: Db,
  customerId: string,
  page: { before?: { completedAt: Date; id: string }; limit: number },
): Promise<string[]> {
  let query = db.selectFrom('sales').select('id').where('customer_id', '=', customerId);
  if (page.before) {
    const { completedAt, id } = page.before;
    query = query.where(sql<boolean>`(completed_at, id) < (${completedAt}, ${id}::uuid)`);
  }
  const rows = await query
    .orderBy('completed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .execute();
  return rows.map((row) => row.id);
}

export type PurchaseStats = {
  lifetimeSpend: number;
  visits: number;
  returns: number;
  lastVisit: Date | null;
  firstVisit: Date | null;
};

export async function selectPurchaseStats(db: Db, customerId: string): Promise<PurchaseStats> {
  const row = await db
    .selectFrom('sales')
    .select([
      // Gift cards and store credit bought are money held, not spend; a voided sale and
      // its void cancel out and neither counts as a visit or a return.
      sql<number>`coalesce(sum(total - liability_total), 0)`.as('spend'),
      sql<number>`count(*) FILTER (WHERE kind = 'sale' AND voided_at IS NULL)`.as('visits'),
      sql<number>`count(*) FILTER (WHERE kind = 'return' AND source <> 'void')`.as('returns'),
      sql<Date | null>`max(completed_at) FILTER (WHERE kind = 'sale')`.as('last_visit'),
      sql<Date | null>`min(completed_at) FILTER (WHERE kind = 'sale')`.as('first_visit'),
    ])
    .where('customer_id', '=', customerId)
    .executeTakeFirstOrThrow();
  return {
    lifetimeSpend: Number(row.spend),
    visits: Number(row.visits),
    returns: Number(row.returns),
    lastVisit: row.last_visit ? new Date(row.last_visit) : null,
    firstVisit: row.first_visit ? new Date(row.first_visit) : null,
  };
}

export type Favourite = { key: string; label: string; quantity: number; spend: number };

/** Net units and spend per item, brand or size over a customer's lines (returns subtract). */
export async function selectFavourites(
  db: Db,
  customerId: string,
  by: 'sku' | 'brand' | 'size',
  limit: number,
): Promise<Favourite[]> {
  const key = by === 'sku' ? sql.ref('sku') : by === 'brand' ? sql.ref('brand') : sql.ref('size');
  const label = by === 'sku' ? sql`max(name)` : key;
  const rows = await sql<{ key: string; label: string; quantity: number; spend: number }>`
    SELECT ${key} AS key, ${label} AS label, sum(quantity) AS quantity, sum(total) AS spend
    FROM sale_lines
    WHERE customer_id = ${customerId} AND kind = 'product' AND ${key} IS NOT NULL
    GROUP BY ${key}
    HAVING sum(quantity) > 0
    ORDER BY sum(quantity) DESC, sum(total) DESC, ${key}
    LIMIT ${limit}
  `.execute(db);
  return rows.rows.map((row) => ({
    key: row.key,
    label: row.label,
    quantity: Number(row.quantity),
    spend: Number(row.spend),
  }));
}
