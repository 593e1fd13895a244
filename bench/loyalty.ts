import { randomInt } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { sql } from 'kysely';
import { createContactVault } from '../src/services/platform/contact-vault.ts';
import type { ServiceDeps } from '../src/services/platform/context.ts';
import { completeSale } from '../src/services/sales/sales.ts';
import { selectLoyaltyMismatches } from '../src/store/loyalty.ts';
import type { BenchArgs } from './args.ts';
import { defaultBenchDatabaseUrl, describeUrl, openFreshPostgres } from './bench-database.ts';
import { defaultCheckoutDatabaseUrl } from './checkout.ts';
import { drive } from './checkout-drive.ts';
import { createCheckoutShop, type CheckoutShop } from './checkout-shop.ts';
import {
  printLoyaltyReport,
  type LoyaltyRow,
  type LoyaltyVerification,
  type ScenarioKey,
} from './loyalty-report.ts';
import {
  createGroup,
  createPromotions,
  customerPicker,
  loyaltyBasketMaker,
  seedPastSales,
  selectCategories,
  switchLoyaltyOn,
} from './loyalty-setup.ts';
import { defaultStoredValueDatabaseUrl } from './stored-value.ts';

export const defaultLoyaltyDatabaseUrl =
  'postgres://postgres@127.0.0.1:5432/clientele_bench_loyalty';

const log = (line: string) => console.log(line);

/** Its own database, never another bench's: this one drops schema public. */
function loyaltyDatabaseUrl(args: BenchArgs): string {
  const url = args.text('loyalty-database-url', defaultLoyaltyDatabaseUrl);
  const name = (value: string) => new URL(value).pathname.slice(1);
  for (const other of [
    defaultBenchDatabaseUrl,
    defaultCheckoutDatabaseUrl,
    defaultStoredValueDatabaseUrl,
  ]) {
    if (name(url) === name(other)) {
      throw new Error(`${describeUrl(url)} is another bench's database; use another one`);
    }
  }
  return url;
}

type Scenario = {
  key: ScenarioKey;
  label: string;
  promotions: number;
  customers: readonly string[];
  pastSales: number;
};

/**
 * One row: a warm-up (JIT, plans, pool connections), then `sales` sales from `workers`
 * tills at once, each at its own register, every sale with a customer, paid in cash.
 */
async function measureRow(
  deps: ServiceDeps,
  shop: CheckoutShop,
  scenario: Scenario,
  options: { workers: number; sales: number; warmupSales: number; seed: number },
): Promise<LoyaltyRow> {
  const picker = customerPicker(scenario.customers, options.seed);
  const baskets = Array.from({ length: options.workers }, (_, worker) =>
    loyaltyBasketMaker(shop, options.seed + 1 + worker),
  );
  const tally = { points: 0, grouped: 0, saleIds: [] as string[] };
  const run = (phase: 'warm' | 'run', sales: number) =>
    drive({
      workers: options.workers,
      seconds: 0,
      sales,
      perform: async (worker, index) => {
        const till = shop.tills[worker]!;
        const customerId = picker.acquire();
        try {
          const sale = await completeSale({
            deps,
            actor: till.actor,
            input: {
              registerId: till.registerId,
              customer: { id: customerId },
              ...baskets[worker]!(),
              idempotencyKey: `loyalty-${scenario.key}-w${options.workers}-${phase}-${index}`,
            },
            source: 'till',
          });
          if (!sale.ok) throw new Error(`${sale.code}: ${sale.message}`);
          if (phase === 'run') {
            tally.points += sale.value.loyalty.pointsEarned;
            if (sale.value.loyalty.groupName) tally.grouped++;
            tally.saleIds.push(sale.value.id);
          }
        } finally {
          picker.release(customerId);
        }
      },
    });
  if (options.warmupSales > 0) await run('warm', options.warmupSales);
  const result = await run('run', options.sales);
  const promoted = await sql<{ count: number }>`
    SELECT count(DISTINCT sale_id)::int AS count FROM loyalty_events
    WHERE kind = 'PROMOTION' AND sale_id = ANY(${tally.saleIds}::uuid[])
  `.execute(deps.db);
  log(
    `${scenario.label}, ${options.workers} worker${options.workers === 1 ? '' : 's'}: ` +
      `${result.sales} sales in ${result.seconds.toFixed(1)} s = ${result.perSecond.toFixed(1)}/s, ` +
      `p50 ${result.latency.p50.toFixed(2)} ms, ${result.failures} failed`,
  );
  return {
    scenario: scenario.key,
    label: scenario.label,
    promotions: scenario.promotions,
    customers: scenario.customers.length,
    pastSales: scenario.pastSales,
    workers: options.workers,
    result,
    pointsEarned: tally.points,
    promoted: promoted.rows[0]?.count ?? 0,
    grouped: tally.grouped,
  };
}

async function verify(deps: ServiceDeps): Promise<LoyaltyVerification> {
  const mismatches = await selectLoyaltyMismatches(deps.db);
  const totals = await sql<{ source: string; sales: number; points: string }>`
    SELECT source, count(*)::int AS sales, coalesce(sum(points_earned), 0)::text AS points
    FROM sales GROUP BY source ORDER BY source
  `.execute(deps.db);
  const bySource = Object.fromEntries(
    totals.rows.map((row) => [row.source, { sales: row.sales, points: Number(row.points) }]),
  );
  const pointsEarned = totals.rows.reduce((sum, row) => sum + Number(row.points), 0);
  const tillPoints = bySource.till?.points ?? 0;
  const pointsOk = pointsEarned > 0 && tillPoints > 0;
  return {
    mismatches,
    bySource,
    pointsEarned,
    tillPoints,
    pointsOk,
    ok: mismatches.length === 0 && pointsOk,
  };
}

export async function runLoyaltyBench(args: BenchArgs): Promise<void> {
  const sales = args.number('sales', 400);
  const workers = args.number('workers', 8);
  const warmupSales = args.number('warmup-sales', 40);
  const skipHistory = args.flag('skip-history');
  const mixCustomers = args.number('customers', Math.max(200, workers));
  const shortCustomers = args.number('short-customers', Math.max(20, workers));
  const shortSales = args.number('short-sales', 10);
  // At least one per worker: a customer is never in two sales at once (see customerPicker).
  const longCustomers = args.number('long-customers', Math.max(5, workers));
  const longSales = args.number('long-sales', 10_000);
  const poolSize = args.number('pool', workers + 2);
  if (workers < 1 || sales < 1) throw new Error('--workers and --sales must be at least 1');
  for (const [option, count] of [
    ['customers', mixCustomers],
    ['short-customers', shortCustomers],
    ['long-customers', longCustomers],
  ] as const) {
    if (count < workers) throw new Error(`--${option} must be at least --workers (${workers})`);
  }

  const cores = availableParallelism();
  const loadStart = loadavg();
  log(
    `loyalty bench: ${cores} cores, load average ${loadStart.map((v) => v.toFixed(2)).join(' ')}`,
  );
  const url = loyaltyDatabaseUrl(args);
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
    const historyCustomers = skipHistory ? 0 : shortCustomers + longCustomers;
    // One register and cashier per worker, so sale-number counters never serialise them.
    const shop = await createCheckoutShop(deps, {
      registers: workers,
      products: 50,
      customers: mixCustomers + historyCustomers,
      log,
    });
    const mix = shop.customerIds.slice(0, mixCustomers);
    const short = shop.customerIds.slice(mixCustomers, mixCustomers + shortCustomers);
    const long = shop.customerIds.slice(
      mixCustomers + shortCustomers,
      mixCustomers + historyCustomers,
    );

    const fourYearsAgo = new Date(Date.now() - 4 * 365 * 86_400_000);
    const ruleVersion = await switchLoyaltyOn(deps, skipHistory ? null : fourYearsAgo);
    const categories = await selectCategories(deps);
    const promotions = await createPromotions(deps, { count: 100, categories, seed: 9100 });
    const groupMembers = mix.filter((_, index) => index % 4 === 0);
    const group = await createGroup(deps, groupMembers);
    log(
      `loyalty: rules version ${ruleVersion} in force, 100 promotions saved (inactive), ` +
        `group ${group.name} with ${groupMembers.length} of the ${mix.length} mix customers`,
    );

    const seeding: { customers: number; perCustomer: number; seconds: number }[] = [];
    if (!skipHistory) {
      for (const [ids, perCustomer, seed] of [
        [short, shortSales, 500],
        [long, longSales, 600],
      ] as const) {
        const seeded = await seedPastSales(deps, shop, { customerIds: ids, perCustomer, seed });
        seeding.push({ customers: ids.length, perCustomer, seconds: seeded.seconds });
        log(
          `history: ${ids.length} customers x ${perCustomer.toLocaleString('en-GB')} past sales ` +
            `in ${seeded.seconds.toFixed(1)} s (${(seeded.sales / seeded.seconds).toFixed(0)}/s)`,
        );
      }
    }
    // Fresh statistics, as autovacuum would have by the time the tills open.
    await sql`ANALYZE`.execute(deps.db);

    const plural = (n: number, word: string) =>
      `${n.toLocaleString('en-GB')} ${word}${n === 1 ? '' : 's'}`;
    const scenarios: Scenario[] = [
      {
        key: 'a',
        label: `(a) ${plural(1, 'promotion')}`,
        promotions: 1,
        customers: mix,
        pastSales: 0,
      },
      {
        key: 'b',
        label: `(b) ${plural(10, 'promotion')}`,
        promotions: 10,
        customers: mix,
        pastSales: 0,
      },
      {
        key: 'c',
        label: `(c) ${plural(100, 'promotion')}`,
        promotions: 100,
        customers: mix,
        pastSales: 0,
      },
      ...(skipHistory
        ? []
        : [
            {
              key: 'd' as const,
              label: `(d) ${plural(shortSales, 'past sale')} each`,
              promotions: 10,
              customers: short,
              pastSales: shortSales,
            },
            {
              key: 'e' as const,
              label: `(e) ${plural(longSales, 'past sale')} each`,
              promotions: 10,
              customers: long,
              pastSales: longSales,
            },
          ]),
    ];
    const rows: LoyaltyRow[] = [];
    for (const [position, scenario] of scenarios.entries()) {
      await promotions.activate(scenario.promotions);
      for (const rowWorkers of [1, workers]) {
        rows.push(
          await measureRow(deps, shop, scenario, {
            workers: rowWorkers,
            sales,
            warmupSales,
            seed: 10_000 + 100 * position + rowWorkers,
          }),
        );
      }
    }

    const verification = await verify(deps);
    printLoyaltyReport({
      cores,
      loadAverage: { start: loadStart, end: loadavg() },
      workers,
      poolSize,
      salesPerRow: sales,
      warmupSales,
      group: { ...group, members: groupMembers.length },
      seeding,
      rows,
      verification,
    });
    if (!verification.ok) throw new Error('loyalty verification failed: see above');
  } finally {
    await handle.close();
  }
}
