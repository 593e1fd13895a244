import { sql } from 'kysely';
import { generateCustomers } from '../src/demo/generate-customers.ts';
import { sealContacts } from '../src/services/customers/customer-records.ts';
import type { ServiceDeps } from '../src/services/platform/context.ts';
import { upsertSealedContacts } from '../src/store/customer-contacts.ts';
import type { Db } from '../src/store/database.ts';
import { insertOutlet } from '../src/store/outlets.ts';
import { elapsedMs } from './stats.ts';

/** Days of history generated, ending today (the recompute's asOf). */
export const historyDays = 730;
/** Customers loaded per statement: progress is visible and no transaction gets huge. */
const batchCustomers = 50_000;

export type LoadedData = {
  customers: number;
  sales: number;
  returns: number;
  seconds: number;
};

/**
 * A pseudo-random number in [0, 1) from an integer, in SQL: the figures must not depend
 * on random() (same data on every run, PGlite or PostgreSQL), and hashint8 is a plain
 * built-in on both. Inlined by the planner, so it costs what the expression costs.
 */
async function createHashFunction(db: Db): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION bench_u(bigint) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT (hashint8($1)::bigint + 2147483648)::double precision / 4294967296 $$
  `.execute(db);
}

/** Three outlets: customers buy mostly at their own (the recompute's home outlet). */
async function createOutlets(db: Db): Promise<string[]> {
  const ids: string[] = [];
  for (const [code, timeZone] of [
    ['INS1', 'Europe/London'],
    ['INS2', 'Europe/London'],
    ['INS3', 'Europe/Paris'],
  ] as const) {
    ids.push(
      await insertOutlet(db, {
        code,
        name: `Insights bench ${code}`,
        currency: 'GBP',
        timeZone,
        settings: {},
        pricingMode: 'tax_inclusive',
      }),
    );
  }
  return ids;
}

/**
 * Customers `from`..`to` (1-based). Ids are made from the index (UUID syntax, version 7
 * nibble) so rows arrive in key order, as newId's time-ordered ids do. One in 200 objected
 * to profiling, so the recompute's filter has something to leave out.
 */
async function insertCustomers(db: Db, { from, to }: { from: number; to: number }) {
  await sql`
    INSERT INTO customers (id, number, name, search_name, created_at, objects_to_profiling_at)
    SELECT ('00000000-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
      'B' || lpad(i::text, 9, '0'),
      'Bench Customer ' || i,
      'bench customer ' || i,
      now() - interval '${sql.raw(String(historyDays + 30))} days',
      CASE WHEN i % 200 = 0 THEN now() END
    FROM generate_series(${from}::bigint, ${to}::bigint) AS i
  `.execute(db);
}

/**
 * Each customer's purchase days, by their own rhythm (all from bench_u of the index):
 * 40% bought once; the others made `k` visits, k from 2 to about twice the mean the
 * average needs, every `gap` days (7 to 56, squeezed when k visits would not fit), with
 * jitter of a quarter gap. Two thirds of repeat buyers are still coming (their last
 * visit within one gap of today); a third stopped 60 to 460 days ago. A visit happens
 * at the home outlet 85% of the time; spend per visit varies around the customer's own
 * mean. Returns follow as a separate statement.
 */
async function insertSales(
  db: Db,
  {
    from,
    to,
    outletIds,
    repeatSpan,
  }: { from: number; to: number; outletIds: string[]; repeatSpan: number },
) {
  await sql`
    WITH c AS (
      SELECT i,
        CASE WHEN bench_u(i * 64 + 1) < 0.4 THEN 1
          ELSE 2 + floor(bench_u(i * 64 + 2) * ${sql.lit(repeatSpan)})::int END AS k,
        bench_u(i * 64 + 3) < 0.35 AS lapsed,
        7 + floor(bench_u(i * 64 + 4) * 50) AS gap,
        bench_u(i * 64 + 5) AS u5,
        1500 + floor(bench_u(i * 64 + 6) * 8000) AS mean_spend
      FROM generate_series(${from}::bigint, ${to}::bigint) AS i
    ),
    shaped AS (
      SELECT i, k, mean_spend,
        CASE WHEN k = 1 THEN floor(u5 * ${sql.lit(historyDays)})
          WHEN lapsed THEN ${sql.lit(historyDays - 1)} - 60 - floor(u5 * 400)
          ELSE ${sql.lit(historyDays - 1)} - floor(u5 * gap) END AS last_day,
        gap
      FROM c
    ),
    spaced AS (
      SELECT i, k, mean_spend, last_day,
        CASE WHEN k = 1 THEN 0 ELSE least(gap, last_day / (k - 1)) END AS g
      FROM shaped
    ),
    visits AS (
      SELECT s.i, j, s.mean_spend,
        greatest(0, least(${sql.lit(historyDays - 1)},
          s.last_day - (s.k - 1 - j) * s.g
          + CASE WHEN j = s.k - 1 THEN 0
              ELSE floor((bench_u((s.i * 65536 + j) * 8 + 1) - 0.5) * s.g / 2) END))::int AS day,
        (s.i * 65536 + j) * 8 AS h
      FROM spaced s, generate_series(0, s.k - 1) AS j
    )
    INSERT INTO sales (id, kind, number, outlet_id, customer_id, currency, pricing_mode,
      subtotal, discount_total, tax_total, total, source, completed_at)
    SELECT
      ('00000001-0000-7000-8000-' || lpad(to_hex(v.i), 8, '0') || lpad(to_hex(v.j), 4, '0'))::uuid,
      'sale',
      'B' || v.i || '-' || v.j,
      (${outletIds}::uuid[])[1 + CASE WHEN bench_u(v.h + 2) < 0.85 THEN v.i % 3
        ELSE (v.i + 1 + v.j) % 3 END],
      ('00000000-0000-7000-8000-' || lpad(to_hex(v.i), 12, '0'))::uuid,
      'GBP', 'tax_inclusive',
      amount, 0, amount / 6, amount, 'till',
      (current_date - ${sql.lit(historyDays)} + v.day) + interval '9 hours'
        + bench_u(v.h + 3) * interval '9 hours'
    FROM visits v,
      LATERAL (SELECT (v.mean_spend * (0.5 + bench_u(v.h + 4)))::bigint AS amount) a
    ORDER BY v.i, v.j
  `.execute(db);
}

/** One sale in 50 has half of it returned three days later (or on the last day). */
async function insertReturns(db: Db, { from, to }: { from: number; to: number }) {
  const result = await sql`
    INSERT INTO sales (id, kind, number, outlet_id, customer_id, currency, pricing_mode,
      subtotal, discount_total, tax_total, total, source, completed_at, original_sale_id)
    SELECT ('00000002' || substr(s.id::text, 9))::uuid, 'return', 'R' || substr(s.number, 2),
      s.outlet_id, s.customer_id, s.currency, s.pricing_mode,
      -(s.total / 2), 0, -(s.total / 12), -(s.total / 2), 'till',
      least(s.completed_at + interval '3 days', now()), s.id
    FROM sales s
    WHERE s.customer_id BETWEEN ('00000000-0000-7000-8000-' || lpad(to_hex(${from}::bigint), 12, '0'))::uuid
        AND ('00000000-0000-7000-8000-' || lpad(to_hex(${to}::bigint), 12, '0'))::uuid
      AND s.kind = 'sale' AND bench_u(hashtext(s.id::text)) < 0.02
  `.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Loads `customers` customers and about `salesPerCustomer` sales each with set-based SQL
 * straight into the real tables (the recompute reads customers, sales and outlets only;
 * sale lines are not read, so none are made).
 */
export async function loadInsightsData(
  db: Db,
  options: { customers: number; salesPerCustomer: number; log: (line: string) => void },
): Promise<LoadedData> {
  const started = process.hrtime.bigint();
  await createHashFunction(db);
  const outletIds = await createOutlets(db);
  // 40% buy once; the rest need a mean of m visits for the average to come out right,
  // and k = 2 + floor(u × span) has mean 2 + (span − 1) / 2.
  const repeatMean = (options.salesPerCustomer - 0.4) / 0.6;
  const repeatSpan = Math.max(1, Math.round(2 * (repeatMean - 2) + 1));
  let returns = 0;
  for (let from = 1; from <= options.customers; from += batchCustomers) {
    const to = Math.min(options.customers, from + batchCustomers - 1);
    await insertCustomers(db, { from, to });
    await insertSales(db, { from, to, outletIds, repeatSpan });
    returns += await insertReturns(db, { from, to });
    const seconds = elapsedMs(started) / 1000;
    options.log(
      `  loaded customers ${to.toLocaleString('en-GB')} / ${options.customers.toLocaleString('en-GB')}` +
        ` in ${seconds.toFixed(0)} s`,
    );
  }
  await sql`DROP FUNCTION bench_u(bigint)`.execute(db);
  const counted = await sql<{ sales: string | number }>`
    SELECT count(*) AS sales FROM sales WHERE kind = 'sale'
  `.execute(db);
  return {
    customers: options.customers,
    sales: Number(counted.rows[0]?.sales ?? 0),
    returns,
    seconds: elapsedMs(started) / 1000,
  };
}

/**
 * Customers the look-up measurement uses (open to profiling, in a stable order), with
 * contact details sealed as the till writes them (a birthday for the hint to read) and
 * half of them holding points, so the hint also reads the programme's rewards.
 */
export async function chooseLookupCustomers(db: Db, count: number): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    SELECT id FROM customers WHERE objects_to_profiling_at IS NULL AND status = 'active'
    ORDER BY md5(id::text) LIMIT ${count}
  `.execute(db);
  return rows.rows.map((row) => row.id);
}

export async function giveContactsAndPoints(deps: ServiceDeps, ids: string[]): Promise<void> {
  const generated = [...generateCustomers({ count: ids.length, seed: 1313, startIndex: 0 })];
  const at = deps.now();
  for (const [index, id] of ids.entries()) {
    const person = generated[index]!;
    const contacts = {
      phone: person.phone,
      email: person.email,
      address: null,
      birthday: person.birthday ?? '1980-06-15',
    };
    await upsertSealedContacts(deps.db, id, sealContacts({ vault: deps.vault, contacts }), at);
  }
  const holders = ids.filter((_, index) => index % 2 === 0);
  await sql`
    INSERT INTO loyalty_accounts (customer_id, balance)
    SELECT unnest(${holders}::uuid[]), 500
    ON CONFLICT (customer_id) DO NOTHING
  `.execute(deps.db);
}

/** Fresh statistics and visibility map after the bulk load (and the WAL flushed on PostgreSQL). */
export async function settleInsightsData(db: Db, engine: 'postgres' | 'pglite'): Promise<void> {
  await sql`VACUUM (ANALYZE) customers`.execute(db);
  await sql`VACUUM (ANALYZE) sales`.execute(db);
  if (engine === 'postgres') await sql`CHECKPOINT`.execute(db);
}
