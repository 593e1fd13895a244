import { sql } from 'kysely';
import type { Db } from './database.ts';
import { openToProfiling } from './profiling.ts';

/**
 * Birthdays are sealed in customer_contacts; their month and day is kept only as a keyed
 * hash in customer_lookups (kind 'birthday_md'). These are the reads on that index.
 */

/**
 * Sealed birthdays of customers who have no 'birthday_md' entry yet (saved before it
 * existed), locked for the caller's transaction so an edit cannot slip in between the
 * read and the index write; rows being edited right now are skipped (the next run).
 */
export async function selectBirthdaysWithoutLookup(
  db: Db,
  { after, limit }: { after: string | null; limit: number },
): Promise<{ customerId: string; wrappedKey: Buffer; birthday: Buffer }[]> {
  const rows = await sql<{ customer_id: string; wrapped_key: Buffer; birthday: Buffer }>`
    SELECT cc.customer_id, cc.wrapped_key, cc.birthday
    FROM customer_contacts cc JOIN customers c ON c.id = cc.customer_id
    WHERE cc.birthday IS NOT NULL AND c.status = 'active'
      ${after === null ? sql`` : sql`AND cc.customer_id > ${after}`}
      AND NOT EXISTS (SELECT 1 FROM customer_lookups l
        WHERE l.customer_id = cc.customer_id AND l.kind = 'birthday_md')
    ORDER BY cc.customer_id
    LIMIT ${limit}
    FOR UPDATE OF cc SKIP LOCKED
  `.execute(db);
  return rows.rows.map((row) => ({
    customerId: row.customer_id,
    wrappedKey: row.wrapped_key,
    birthday: row.birthday,
  }));
}

export type BirthdayRow = { customerId: string; number: string; name: string; on: string };

/**
 * Customers open to profiling whose birthday digest is one of `days` (each digest with
 * the date it falls on), soonest first, then by name. One query on the lookup index.
 * `outletId`: the outlet of most of their visits, else the one they signed up at.
 */
export async function selectBirthdaysOn(
  db: Db,
  input: {
    days: { digest: Buffer; on: string }[];
    outletId: string | null;
    limit: number;
    offset: number;
  },
): Promise<{ rows: BirthdayRow[]; total: number }> {
  if (input.days.length === 0) return { rows: [], total: 0 };
  const window = sql.join(input.days.map((day) => sql`(${day.digest}::bytea, ${day.on}::date)`));
  const result = await sql<{
    id: string;
    number: string;
    name: string;
    celebrated: string;
    total: number;
  }>`
    SELECT c.id, c.number, c.name, w.celebrated::text AS celebrated, count(*) OVER () AS total
    FROM (VALUES ${window}) AS w(digest, celebrated)
    JOIN customer_lookups l ON l.kind = 'birthday_md' AND l.digest = w.digest
    JOIN customers c ON c.id = l.customer_id
    LEFT JOIN customer_insights ci ON ci.customer_id = c.id
    WHERE c.status = 'active' AND ${openToProfiling('c')}
      ${outletFilter(input.outletId)}
    ORDER BY w.celebrated, c.name, c.id
    LIMIT ${input.limit} OFFSET ${input.offset}
  `.execute(db);
  return {
    rows: result.rows.map((row) => ({
      customerId: row.id,
      number: row.number,
      name: row.name,
      on: row.celebrated,
    })),
    total: Number(result.rows[0]?.total ?? 0),
  };
}

/** The outlet filter of every insights list (needs `c` customers and `ci` customer_insights). */
export function outletFilter(outletId: string | null) {
  return outletId === null
    ? sql``
    : sql`AND coalesce(ci.home_outlet_id, c.created_outlet_id) = ${outletId}`;
}
