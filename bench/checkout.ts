import { randomInt } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { sql } from 'kysely';
import { createContactVault } from '../src/services/platform/contact-vault.ts';
import type { ServiceDeps } from '../src/services/platform/context.ts';
import { completeSale } from '../src/services/sales/sales.ts';
import type { BenchArgs } from './args.ts';
import { defaultBenchDatabaseUrl, describeUrl, openFreshPostgres } from './bench-database.ts';
import { basketMaker, drive, type DriveResult } from './checkout-drive.ts';
import { historyCalls, seedHistory, timeInterleaved } from './checkout-history.ts';
import {
  apiKeyCredentials,
  postSale,
  signInTills,
  startServer,
  type BenchServer,
  type Credentials,
} from './checkout-http.ts';
import { printCheckoutReport, type HistoryBlock, type ThroughputRow } from './checkout-report.ts';
import { createCheckoutShop, type CheckoutShop } from './checkout-shop.ts';

export const defaultCheckoutDatabaseUrl =
  'postgres://postgres@127.0.0.1:5432/clientele_bench_checkout';

const log = (line: string) => console.log(line);

/**
 * Its own option name (BENCH_CHECKOUT_DATABASE_URL, not BENCH_DATABASE_URL): this bench
 * drops schema public, and the search bench keeps a million customers in its database
 * to reuse, so one environment variable must never point both at the same place.
 */
function checkoutDatabaseUrl(args: BenchArgs): string {
  const url = args.text('checkout-database-url', defaultCheckoutDatabaseUrl);
  const name = (value: string) => new URL(value).pathname.slice(1);
  if (name(url) === name(defaultBenchDatabaseUrl)) {
    throw new Error(`${describeUrl(url)} is the search bench's database; use another one`);
  }
  return url;
}

type Timing = { seconds: number; sales: number; warmupSeconds: number; registers: number };

/** A warm-up run first (JIT, pool connections, plan caches), then the measured one. */
async function measured(
  timing: Timing,
  label: string,
  perform: (worker: number, index: number, phase: string) => Promise<void>,
): Promise<DriveResult> {
  if (timing.warmupSeconds > 0) {
    await drive({
      workers: timing.registers,
      seconds: timing.warmupSeconds,
      sales: 0,
      perform: (worker, index) => perform(worker, index, 'warm'),
    });
  }
  const result = await drive({
    workers: timing.registers,
    seconds: timing.seconds,
    sales: timing.sales,
    perform: (worker, index) => perform(worker, index, 'run'),
  });
  log(
    `${label}: ${result.sales} sales in ${result.seconds.toFixed(1)} s = ` +
      `${result.perSecond.toFixed(1)}/s, ${result.failures} failed`,
  );
  return result;
}

async function serviceLayer(deps: ServiceDeps, shop: CheckoutShop, timing: Timing) {
  const baskets = shop.tills.map((_, worker) => basketMaker(shop, 100 + worker));
  return measured(timing, 'service layer', async (worker, index, phase) => {
    const sale = await completeSale({
      deps,
      actor: shop.tills[worker]!.actor,
      input: {
        ...baskets[worker]!(),
        idempotencyKey: `svc-${phase}-${index}`,
      },
    });
    if (!sale.ok) throw new Error(`${sale.code}: ${sale.message}`);
  });
}

async function overHttp(
  server: BenchServer,
  shop: CheckoutShop,
  timing: Timing,
  how: {
    label: string;
    seed: number;
    credentials: (worker: number) => Credentials;
    outlet: boolean;
  },
) {
  const baskets = shop.tills.map((_, worker) => basketMaker(shop, how.seed + worker));
  return measured(timing, how.label, async (worker, index, phase) => {
    const body = { ...baskets[worker]!(), ...(how.outlet ? { outletId: shop.outletId } : {}) };
    await postSale(server, how.credentials(worker), body, `${how.seed}-${phase}-${index}`);
  });
}

/** Seeds each customer's history, then times the profile page's calls on all of them. */
async function historyBench(
  deps: ServiceDeps,
  shop: CheckoutShop,
  subjects: { id: string; sales: number; key: string }[],
  options: { runs: number; deepPage: number },
): Promise<HistoryBlock[]> {
  for (const subject of subjects) {
    const seeded = await seedHistory(deps, shop, subject.id, subject.sales, 400 + subject.sales);
    log(`history: ${subject.sales} sales for one customer in ${seeded.seconds.toFixed(1)} s`);
  }
  // Fresh statistics, as autovacuum would have by the time a profile is opened.
  await sql`ANALYZE`.execute(deps.db);
  const calls = await Promise.all(
    subjects.map((subject) => historyCalls(deps, subject.id, options.deepPage)),
  );
  const rows = await timeInterleaved(calls, options.runs);
  return subjects.map((subject, index) => ({
    customer: `${subject.sales.toLocaleString('en-GB')} sales`,
    key: subject.key,
    sales: subject.sales,
    rows: rows[index] ?? [],
  }));
}

export async function runCheckoutBench(args: BenchArgs): Promise<void> {
  const timing: Timing = {
    seconds: args.number('seconds', 20),
    sales: args.number('sales', 0),
    warmupSeconds: args.number('warmup-seconds', 3),
    registers: args.number('registers', 16),
  };
  const poolSize = args.number('pool', 20);
  const historySales = args.number('history-sales', 5000);
  const historyRuns = args.number('history-runs', 200);
  const deepPage = args.number('deep-page', 100);
  const loadStart = loadavg();
  log(`checkout bench: ${availableParallelism()} cores, load average ${loadStart[0]?.toFixed(2)}`);
  const url = checkoutDatabaseUrl(args);
  log(`postgres: ${describeUrl(url)} (schema public dropped and recreated), pool ${poolSize}`);
  const handle = await openFreshPostgres(url, poolSize);
  try {
    const deps: ServiceDeps = {
      db: handle.db,
      // A fixed master key: the figures must not depend on the key, and nothing here is secret.
      vault: createContactVault(Buffer.alloc(32)),
      now: () => new Date(),
      randomInt,
    };
    const created = await createCheckoutShop(deps, {
      registers: timing.registers,
      products: args.number('products', 50),
      customers: args.number('customers', 10_000),
      log,
    });
    // Two customers kept out of the random draws: their histories are exactly what is seeded.
    const [longId, shortId] = created.customerIds.slice(-2);
    if (!longId || !shortId) throw new Error('--customers must be at least 3');
    const shop = { ...created, customerIds: created.customerIds.slice(0, -2) };

    const throughput: ThroughputRow[] = [];
    if (!args.flag('skip-service')) {
      const result = await serviceLayer(deps, shop, timing);
      throughput.push({ path: 'service layer (completeSale)', key: 'service', result });
    }
    if (!args.flag('skip-http')) {
      const server = await startServer(deps);
      try {
        const tills = await signInTills(server, shop);
        const result = await overHttp(server, shop, timing, {
          label: 'HTTP, till sessions',
          seed: 200,
          credentials: (worker) => tills[worker]!,
          outlet: false,
        });
        throughput.push({ path: 'HTTP, till session per register', key: 'httpTill', result });
        const apiKey = await apiKeyCredentials(deps);
        const keyed = await overHttp(server, shop, timing, {
          label: 'HTTP, API key',
          seed: 300,
          credentials: () => apiKey,
          outlet: true,
        });
        throughput.push({
          path: 'HTTP, one API key (outlet counter)',
          key: 'httpApiKey',
          result: keyed,
        });
      } finally {
        await server.close();
      }
    }

    const history = args.flag('skip-history')
      ? []
      : await historyBench(
          deps,
          shop,
          [
            { id: longId, sales: historySales, key: 'long' },
            { id: shortId, sales: 10, key: 'short' },
          ],
          { runs: historyRuns, deepPage },
        );

    const count = await sql<{ count: number }>`SELECT count(*)::int AS count FROM sales`.execute(
      deps.db,
    );
    printCheckoutReport({
      cores: availableParallelism(),
      loadAverage: { start: loadStart, end: loadavg() },
      registers: timing.registers,
      poolSize,
      seconds: timing.seconds,
      salesPerPath: timing.sales,
      customers: created.customerIds.length,
      products: shop.products.length,
      salesInDatabase: count.rows[0]?.count ?? 0,
      throughput,
      history,
      historyRuns,
    });
  } finally {
    await handle.close();
  }
}
