import { sql } from 'kysely';
import type { ServiceDeps } from '../src/services/platform/context.ts';
import { searchCustomers } from '../src/services/customers/customer-search.ts';
import type { Db } from '../src/store/database.ts';
import { elapsedMs, summarise, type Summary } from './stats.ts';
import type { BenchQuery } from './search-queries.ts';

/** One table row: latencies plus how many queries found what they should. */
export type Row = Summary & { found: number };

async function measure(
  queries: { warmup: readonly BenchQuery[]; measured: readonly BenchQuery[] },
  run: (query: BenchQuery) => Promise<boolean>,
): Promise<Row> {
  for (const query of queries.warmup) await run(query);
  const samples: number[] = [];
  let found = 0;
  for (const query of queries.measured) {
    const start = process.hrtime.bigint();
    const ok = await run(query);
    samples.push(elapsedMs(start));
    if (ok) found++;
  }
  return { ...summarise(samples), found };
}

/** The till path under test: parse, look up, load and mask, exactly as the HTTP route does. */
export function measureSearch(
  deps: ServiceDeps,
  queries: { warmup: readonly BenchQuery[]; measured: readonly BenchQuery[] },
): Promise<Row> {
  return measure(queries, async (query) => {
    const hits = await searchCustomers({ deps, query: query.text });
    return query.expectId === null
      ? hits.length > 0
      : hits.some((hit) => hit.customer.id === query.expectId);
  });
}

function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
}

/** What a simple system runs for a search box: substring match on name and email, by name. */
export function measureBaseline(
  db: Db,
  queries: { warmup: readonly BenchQuery[]; measured: readonly BenchQuery[] },
): Promise<Row> {
  return measure(queries, async (query) => {
    const pattern = containsPattern(query.text);
    const result = await sql<{ id: string; name: string }>`
      SELECT id, name FROM bench_naive_customers
      WHERE name ILIKE ${pattern} OR email ILIKE ${pattern}
      ORDER BY name LIMIT 20
    `.execute(db);
    return result.rows.length > 0;
  });
}

/** The baseline's second chance: trigram GIN indexes that serve `ILIKE '%q%'`. */
export async function addBaselineTrigramIndexes(db: Db): Promise<void> {
  await sql`CREATE INDEX bench_naive_customers_name_trgm ON bench_naive_customers USING gin (name gin_trgm_ops)`.execute(
    db,
  );
  await sql`CREATE INDEX bench_naive_customers_email_trgm ON bench_naive_customers USING gin (email gin_trgm_ops)`.execute(
    db,
  );
  await sql`ANALYZE bench_naive_customers`.execute(db);
}
