import { sql } from 'kysely';
import { generateCustomers } from '../src/demo/generate-customers.ts';
import type { Db } from '../src/store/database.ts';
import { customerSeed, type LoadResult, type SampleCustomer } from './search-load.ts';

/**
 * `--reuse`: measure again on the customers an earlier run left in PostgreSQL, so a change
 * to the search code can be measured without a ten-minute reload. Samples are drawn among
 * card holders, because a pre-printed card number gives back the generator index
 * (card serial = index + 1) and with it the phone and email the customer was given.
 */
export async function readLoadedCustomers(db: Db, sampleCount: number): Promise<LoadResult> {
  const count = await sql<{
    count: string | number;
  }>`SELECT count(*) AS count FROM customers`.execute(db);
  const customers = Number(count.rows[0]?.count ?? 0);
  if (customers === 0) throw new Error('--reuse: the database holds no customers; run without it');
  const carded = await sql<{ id: string; number: string; name: string; card: string }>`
    SELECT c.id, c.number, c.name, k.number AS card
    FROM customer_cards k JOIN customers c ON c.id = k.customer_id
    ORDER BY md5(k.number) LIMIT ${sampleCount}
  `.execute(db);
  const samples: SampleCustomer[] = carded.rows.map((row) => {
    const index = Number(row.card.slice(2, -1)) - 1;
    const [generated] = generateCustomers({ count: 1, seed: customerSeed, startIndex: index });
    return {
      index,
      id: row.id,
      number: row.number,
      name: row.name,
      phone: generated?.phone ?? null,
      email: generated?.email ?? null,
      cardNumber: row.card,
    };
  });
  const prefixes = await sql<{ prefix: string; customers: string | number }>`
    SELECT left(term, 3) AS prefix, count(DISTINCT customer_id) AS customers
    FROM customer_name_terms WHERE length(term) >= 3 GROUP BY 1
  `.execute(db);
  const terms = await sql<{ term: string; customers: string | number }>`
    SELECT term, count(*) AS customers FROM customer_name_terms GROUP BY 1
  `.execute(db);
  // The previous run's trigram indexes would give the plain baseline an index it should not have.
  await sql`DROP INDEX IF EXISTS bench_naive_customers_name_trgm`.execute(db);
  await sql`DROP INDEX IF EXISTS bench_naive_customers_email_trgm`.execute(db);
  await sql`ANALYZE bench_naive_customers`.execute(db);
  return {
    customers,
    seconds: 0,
    perSecond: 0,
    samples: samples.sort((a, b) => a.index - b.index),
    prefixCounts: new Map(prefixes.rows.map((row) => [row.prefix, Number(row.customers)])),
    termCounts: new Map(terms.rows.map((row) => [row.term, Number(row.customers)])),
  };
}
