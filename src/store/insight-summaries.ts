import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Db } from './database.ts';
import { openToProfiling } from './profiling.ts';
import type { Database } from './schema.ts';

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

export type SummaryReader = {
  /** The local date of the earliest day anyone bought on, or null before any sale. */
  firstSaleOn: string | null;
  /** Summaries of profiled customers in id order, `size` at a time. */
  pages(size: number): AsyncIterable<PurchaseSummaryRow[]>;
};

/**
 * Summarises every customer's purchases in one pass over the sales, into temporary tables
 * on `shards` connections (each a range of customer ids, so a PostgreSQL server works on
 * them on as many cores at once), and hands `read` a reader of them in customer-id pages.
 *
 * Why one pass: a sale's customer is spread over the whole table (sales are stored in the
 * order they happen), so reading the sales of one batch of customers at a time visits
 * nearly every page of the table for every batch; one pass in customer order through the
 * index does the whole shop at the cost of a few batches. Only the pages are read in
 * batches, so the process never holds more than one page of rows from the driver.
 *
 * A day is the outlet's local date; a return nets out against the day of the sale it
 * returns (its own day when it names none; the original is looked up for returns only),
 * so a purchase returned in full is no visit; gift cards and store credit bought are
 * money held, not spend; a voided sale and its void are left out. Customers who objected
 * to profiling, were erased or merged are left out of the pages (not of the first date).
 */
export async function withPurchaseSummaries<T>(
  db: Db,
  { asOf, shards }: { asOf: string; shards: number },
  read: (reader: SummaryReader) => Promise<T>,
): Promise<T> {
  const bounds = await shardBounds(db, Math.max(1, shards));
  return onConnections(db, bounds.length, async (connections) => {
    try {
      await Promise.all(
        connections.map(async (connection, shard) => {
          // A long aggregate gains nothing from JIT compilation but its start-up cost.
          await sql`SET jit = off`.execute(connection);
          await dropSummaries(connection);
          await createSummaries(connection, { asOf, range: bounds[shard]! });
        }),
      );
      const firsts = await Promise.all(connections.map(selectFirstOn));
      const firstSaleOn = firsts.filter((first) => first !== null).sort()[0] ?? null;
      return await read({
        firstSaleOn,
        async *pages(size) {
          for (const connection of connections) {
            let after: string | null = null;
            for (;;) {
              const rows = await readPage(connection, { after, limit: size });
              if (rows.length === 0) break;
              yield rows;
              after = rows[rows.length - 1]!.customerId;
            }
          }
        },
      });
    } finally {
      for (const connection of connections) {
        await dropSummaries(connection);
        await sql`RESET jit`.execute(connection);
      }
    }
  });
}

type IdRange = { after: string | null; upTo: string | null };

/** `shards` ranges of customer ids of about equal size, in id order. */
async function shardBounds(db: Db, shards: number): Promise<IdRange[]> {
  if (shards === 1) return [{ after: null, upTo: null }];
  const count = await sql<{ n: string }>`SELECT count(*) AS n FROM customers`.execute(db);
  const total = Number(count.rows[0]?.n ?? 0);
  const cuts: string[] = [];
  for (let shard = 1; shard < shards; shard++) {
    const row = await sql<{ id: string }>`
      SELECT id FROM customers ORDER BY id OFFSET ${Math.floor((total * shard) / shards)} LIMIT 1
    `.execute(db);
    const cut = row.rows[0]?.id;
    if (cut !== undefined && cut !== cuts.at(-1)) cuts.push(cut);
  }
  const edges = [null, ...cuts, null];
  return edges.slice(1).map((upTo, i) => ({ after: edges[i]!, upTo }));
}

/** Runs `work` holding `count` connections of the pool at once. */
async function onConnections<T>(
  db: Db,
  count: number,
  work: (connections: Kysely<Database>[]) => Promise<T>,
  held: Kysely<Database>[] = [],
): Promise<T> {
  if (held.length === count) return work(held);
  return db
    .connection()
    .execute((connection) => onConnections(db, count, work, [...held, connection]));
}

const dropSummaries = (connection: Kysely<Database>) =>
  sql`DROP TABLE IF EXISTS pg_temp.insight_purchase_summaries`.execute(connection);

async function selectFirstOn(connection: Kysely<Database>): Promise<string | null> {
  const first = await sql<{ first_on: string | null }>`
    SELECT min(first_on)::text AS first_on FROM pg_temp.insight_purchase_summaries
  `.execute(connection);
  return first.rows[0]?.first_on ?? null;
}

/**
 * The time zone of a sale's outlet, as an expression on `s`. Outlets are few and share
 * even fewer zones, so the zone is written into the query (one parameter when every
 * outlet shares it, else a CASE over the outlets of each) rather than joined per sale:
 * a join to outlets for each of ten million sales took a third of the whole pass.
 */
async function outletZoneOf(connection: Kysely<Database>): Promise<RawBuilder<string>> {
  const zones = await sql<{ time_zone: string; ids: string[] }>`
    SELECT time_zone, array_agg(id) AS ids FROM outlets GROUP BY time_zone ORDER BY time_zone
  `.execute(connection);
  const [only] = zones.rows;
  if (zones.rows.length <= 1) return sql<string>`${only?.time_zone ?? 'UTC'}::text`;
  const branches = zones.rows.map(
    (zone) => sql`WHEN s.outlet_id = ANY(${zone.ids}::uuid[]) THEN ${zone.time_zone}::text`,
  );
  // An outlet opened while the pass runs is looked up on its own.
  const opened = sql`(SELECT ou.time_zone FROM outlets ou WHERE ou.id = s.outlet_id)`;
  return sql<string>`(CASE ${sql.join(branches, sql` `)} ELSE ${opened} END)`;
}

async function createSummaries(
  connection: Kysely<Database>,
  { asOf, range }: { asOf: string; range: IdRange },
): Promise<void> {
  const zone = await outletZoneOf(connection);
  await sql`
    CREATE TEMPORARY TABLE insight_purchase_summaries AS
    WITH days AS (
      SELECT s.customer_id,
        (CASE WHEN s.original_sale_id IS NULL THEN s.completed_at
          ELSE coalesce(
            (SELECT o.completed_at FROM sales o WHERE o.id = s.original_sale_id),
            s.completed_at)
        END AT TIME ZONE ${zone})::date AS day,
        sum(s.total - s.liability_total)::bigint AS net,
        min(s.outlet_id::text) FILTER (WHERE s.kind = 'sale') AS outlet_id
      FROM sales s
      WHERE s.customer_id IS NOT NULL AND s.voided_at IS NULL AND s.source <> 'void'
        ${range.after === null ? sql`` : sql`AND s.customer_id > ${range.after}`}
        ${range.upTo === null ? sql`` : sql`AND s.customer_id <= ${range.upTo}`}
      GROUP BY 1, 2
      HAVING sum(s.total - s.liability_total) > 0
    )
    SELECT customer_id,
      count(*)::integer AS visit_days,
      min(day) AS first_on,
      max(day) AS last_on,
      sum(net)::bigint AS net_spend,
      -- The net of the earliest day: the smallest (day, net) pair, without sorting.
      (min(ARRAY[day - DATE '1970-01-01', net]))[2] AS first_day_net,
      (count(*) FILTER (WHERE day > ${asOf}::date - 182))::integer AS visits_window,
      (count(*) FILTER (WHERE day > ${asOf}::date - 365))::integer AS visits_12m,
      coalesce(sum(net) FILTER (WHERE day > ${asOf}::date - 365), 0)::bigint AS spend_12m,
      mode() WITHIN GROUP (ORDER BY outlet_id) AS home_outlet_id
    FROM days
    WHERE day <= ${asOf}::date
    GROUP BY customer_id
  `.execute(connection);
  await sql`
    ALTER TABLE pg_temp.insight_purchase_summaries ADD PRIMARY KEY (customer_id)
  `.execute(connection);
}

async function readPage(
  connection: Kysely<Database>,
  { after, limit }: { after: string | null; limit: number },
): Promise<PurchaseSummaryRow[]> {
  const rows = await sql<Record<string, string | number | null>>`
    SELECT p.customer_id, p.visit_days, p.first_on::text AS first_on,
      p.last_on::text AS last_on, p.net_spend, p.first_day_net, p.visits_window,
      p.visits_12m, p.spend_12m, p.home_outlet_id
    FROM pg_temp.insight_purchase_summaries p
    JOIN customers c ON c.id = p.customer_id
    WHERE c.status = 'active' AND ${openToProfiling('c')}
      ${after === null ? sql`` : sql`AND p.customer_id > ${after}`}
    ORDER BY p.customer_id
    LIMIT ${limit}
  `.execute(connection);
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
