import { sql } from 'kysely';
import { makeCardNumber } from '../src/domain/customer-number.ts';
import { ok } from '../src/domain/result.ts';
import { nameTerms } from '../src/domain/names.ts';
import { generateCustomers, type GeneratedCustomer } from '../src/demo/generate-customers.ts';
import { systemActor, type ServiceDeps } from '../src/services/platform/context.ts';
import {
  insertValidatedCustomers,
  type BulkCustomer,
} from '../src/services/customers/customer-bulk.ts';
import type { Db } from '../src/store/database.ts';
import { inTransaction } from '../src/store/transaction.ts';
import { elapsedMs } from './stats.ts';

export const customerSeed = 20261122;

/** A loaded customer kept aside to build queries from (with what the till would type). */
export type SampleCustomer = {
  index: number;
  id: string;
  number: string;
  name: string;
  phone: string | null;
  email: string | null;
  cardNumber: string | null;
};

export type LoadResult = {
  customers: number;
  seconds: number;
  perSecond: number;
  samples: SampleCustomer[];
  /** Customers having a name word that starts with each 3-letter prefix. */
  prefixCounts: Map<string, number>;
  /** Customers having each name word. */
  termCounts: Map<string, number>;
};

// A third of customers carry a pre-printed card, as in the demo shop.
function cardNumberFor(index: number): string | null {
  return index % 3 === 0 ? makeCardNumber(1 + index) : null;
}

function toBulkCustomer(customer: GeneratedCustomer, index: number): BulkCustomer {
  const cardNumber = cardNumberFor(index);
  return {
    changes: {
      name: customer.name,
      phone: customer.phone,
      email: customer.email,
      address: customer.address,
      birthday: customer.birthday,
      preferences: customer.preferences,
      notes: customer.notes,
    },
    consents: [
      ...(customer.emailConsent
        ? [{ channel: 'email' as const, granted: true, wording: 'Offers by email' }]
        : []),
      ...(customer.smsConsent
        ? [{ channel: 'sms' as const, granted: true, wording: 'Offers by text message' }]
        : []),
    ],
    ...(cardNumber ? { cardNumber } : {}),
  };
}

/**
 * What a simple system would keep: the name and the email in clear, one row each, with
 * a b-tree on name (its best plain chance at `ORDER BY name LIMIT 20`).
 */
export async function createNaiveTable(db: Db): Promise<void> {
  await sql`CREATE TABLE bench_naive_customers (id uuid PRIMARY KEY, name text NOT NULL, email text)`.execute(
    db,
  );
  await sql`CREATE INDEX bench_naive_customers_name ON bench_naive_customers (name)`.execute(db);
}

async function insertNaiveRows(
  db: Db,
  rows: { id: string; name: string; email: string | null }[],
): Promise<void> {
  await sql`
    INSERT INTO bench_naive_customers (id, name, email)
    SELECT * FROM unnest(
      ${rows.map((row) => row.id)}::uuid[],
      ${rows.map((row) => row.name)}::text[],
      ${rows.map((row) => row.email)}::text[])
  `.execute(db);
}

/**
 * Loads `count` generated customers through the till's own write path, `concurrency`
 * batches at a time (more than one only on PostgreSQL: PGlite has one connection), so the
 * database works on one batch while Node encrypts the next.
 */
export async function loadCustomers(
  deps: ServiceDeps,
  options: {
    count: number;
    batchSize: number;
    concurrency: number;
    sampleIndices: ReadonlySet<number>;
    log: (line: string) => void;
  },
): Promise<LoadResult> {
  const samples: SampleCustomer[] = [];
  const prefixCounts = new Map<string, number>();
  const termCounts = new Map<string, number>();
  const started = process.hrtime.bigint();
  let nextStart = 0;
  let loaded = 0;
  let lastReport = started;

  const loadBatch = async (startIndex: number) => {
    const count = Math.min(options.batchSize, options.count - startIndex);
    const generated = [...generateCustomers({ count, seed: customerSeed, startIndex })];
    const items = generated.map((customer, i) => toBulkCustomer(customer, startIndex + i));
    const result = await inTransaction(deps.db, async (trx) => {
      const records = await insertValidatedCustomers({
        trx,
        deps,
        actor: systemActor,
        items,
        source: 'bench',
      });
      await insertNaiveRows(
        trx,
        records.map((record, i) => ({
          id: record.id,
          name: record.name,
          email: generated[i]?.email ?? null,
        })),
      );
      return ok(records);
    });
    if (!result.ok) throw new Error(`batch at ${startIndex} failed: ${result.message}`);
    return { generated, records: result.value };
  };

  const worker = async () => {
    while (nextStart < options.count) {
      const startIndex = nextStart;
      nextStart += options.batchSize;
      const { generated, records } = await loadBatch(startIndex);
      records.forEach((record, i) => {
        const index = startIndex + i;
        const customer = generated[i];
        if (!customer) return;
        for (const term of nameTerms(customer.name)) {
          termCounts.set(term, (termCounts.get(term) ?? 0) + 1);
        }
        const prefixes = new Set(
          nameTerms(customer.name)
            .filter((term) => term.length >= 3)
            .map((term) => term.slice(0, 3)),
        );
        for (const prefix of prefixes)
          prefixCounts.set(prefix, (prefixCounts.get(prefix) ?? 0) + 1);
        if (options.sampleIndices.has(index)) {
          samples.push({
            index,
            id: record.id,
            number: record.number,
            name: record.name,
            phone: customer.phone,
            email: customer.email,
            cardNumber: cardNumberFor(index),
          });
        }
      });
      loaded += records.length;
      if (elapsedMs(lastReport) >= 15_000 || loaded === options.count) {
        lastReport = process.hrtime.bigint();
        const seconds = elapsedMs(started) / 1000;
        options.log(
          `  loaded ${loaded.toLocaleString('en-GB')} / ${options.count.toLocaleString('en-GB')}` +
            ` in ${seconds.toFixed(0)} s (${Math.round(loaded / seconds).toLocaleString('en-GB')}/s)`,
        );
      }
    }
  };

  await Promise.all(Array.from({ length: options.concurrency }, () => worker()));
  const seconds = elapsedMs(started) / 1000;
  samples.sort((a, b) => a.index - b.index);
  return {
    customers: loaded,
    seconds,
    perSecond: loaded / seconds,
    samples,
    prefixCounts,
    termCounts,
  };
}

/** After a bulk load: fresh statistics and visibility map, and the WAL flushed. */
export async function settleAfterLoad(db: Db): Promise<void> {
  await sql`VACUUM (ANALYZE)`.execute(db);
  await sql`CHECKPOINT`.execute(db);
}
