import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContactVault } from '../src/services/platform/contact-vault.ts';
import type { ServiceDeps } from '../src/services/platform/context.ts';
import { completeSale } from '../src/services/sales/sales.ts';
import { openPglite, type DatabaseHandle } from '../src/store/database.ts';
import { migrateToLatest } from '../src/store/migrate.ts';
import type { PgliteDurability } from '../src/store/pglite-durability.ts';
import type { BenchArgs } from './args.ts';
import { basketMaker, drive, type DriveResult } from './checkout-drive.ts';
import { createCheckoutShop, type CheckoutShop } from './checkout-shop.ts';
import { formatMs, formatTable, summarise } from './stats.ts';

const log = (line: string) => console.log(line);
const round = (value: number) => Math.round(value * 100) / 100;

type Side = { durability: PgliteDurability; handle: DatabaseHandle; shop: CheckoutShop };

/** The embedded database in a data directory of its own, migrated, with a checkout shop. */
async function openSide(
  durability: PgliteDurability,
  dataDir: string,
  sizes: { registers: number; customers: number },
): Promise<Side> {
  const handle = await openPglite({ dataDir, durability });
  await migrateToLatest(handle.db);
  const deps = depsOf(handle);
  const shop = await createCheckoutShop(deps, {
    registers: sizes.registers,
    products: 50,
    customers: sizes.customers,
    log: () => undefined,
  });
  return { durability, handle, shop };
}

function depsOf(handle: DatabaseHandle): ServiceDeps {
  // A fixed master key: the figures must not depend on it, and nothing here is secret.
  return {
    db: handle.db,
    vault: createContactVault(Buffer.alloc(32)),
    now: () => new Date(),
    randomInt,
  };
}

/** One round of sales through completeSale on one side, `registers` tills at once. */
async function runRound(side: Side, registers: number, seconds: number, seed: number) {
  const deps = depsOf(side.handle);
  const baskets = side.shop.tills.map((_, worker) => basketMaker(side.shop, seed + worker));
  return drive({
    workers: registers,
    seconds,
    sales: 0,
    perform: async (worker, index) => {
      const sale = await completeSale({
        deps,
        actor: side.shop.tills[worker]!.actor,
        input: {
          ...baskets[worker]!(),
          idempotencyKey: `durability-${seed}-${index}`,
        },
      });
      if (!sale.ok) throw new Error(`${sale.code}: ${sale.message}`);
    },
  });
}

/** Adds up the rounds of one side: all sales over all seconds. */
function combine(results: DriveResult[]) {
  const sales = results.reduce((sum, r) => sum + r.sales, 0);
  const seconds = results.reduce((sum, r) => sum + r.seconds, 0);
  return {
    sales,
    seconds,
    perSecond: sales / seconds,
    // Rounds keep only their summaries: the median round's median and the worst round's tail.
    p50: summarise(results.map((r) => r.latency.p50)).p50,
    p95: Math.max(...results.map((r) => r.latency.p95)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
  };
}

/**
 * Sales per second on embedded PGlite in a data directory, durability off (PGlite's own
 * default: no fsync) against on (Clientele's default: each commit's WAL fsynced), in one
 * process on the same machine. The two alternate in short rounds so that other load on
 * the machine falls on both alike.
 */
export async function runCheckoutDurabilityBench(args: BenchArgs): Promise<void> {
  const registers = args.number('registers', 4);
  const rounds = args.number('rounds', 6);
  const seconds = args.number('seconds', 5);
  const customers = args.number('customers', 2000);
  const loadStart = loadavg();
  log(
    `checkout durability bench: ${availableParallelism()} cores, load average ${loadStart[0]?.toFixed(2)}`,
  );
  const root = mkdtempSync(join(args.text('dir', tmpdir()), 'clientele-bench-durability-'));
  const sides: Side[] = [];
  try {
    for (const durability of ['off', 'fsync'] as const) {
      sides.push(await openSide(durability, join(root, durability), { registers, customers }));
    }
    // Warm-up (JIT, plan caches), not counted.
    for (const side of sides) await runRound(side, registers, 2, 1);
    const results = new Map<PgliteDurability, DriveResult[]>(sides.map((s) => [s.durability, []]));
    for (let r = 0; r < rounds; r++) {
      for (const side of r % 2 === 0 ? sides : [...sides].reverse()) {
        const result = await runRound(side, registers, seconds, 100 * (r + 2));
        results.get(side.durability)!.push(result);
        log(`  round ${r + 1}, ${side.durability}: ${result.perSecond.toFixed(1)} sales/s`);
      }
    }
    report({ registers, rounds, seconds, loadStart, results });
  } finally {
    for (const side of sides) await side.handle.close();
    rmSync(root, { recursive: true, force: true });
  }
}

function report(run: {
  registers: number;
  rounds: number;
  seconds: number;
  loadStart: number[];
  results: Map<PgliteDurability, DriveResult[]>;
}): void {
  const off = combine(run.results.get('off') ?? []);
  const on = combine(run.results.get('fsync') ?? []);
  const rows = [
    ['off (PGlite default, no fsync)', off],
    ['fsync (Clientele default)', on],
  ] as const;
  log('');
  log(
    `Checkout on PGlite in a data directory, completeSale, ${run.registers} registers at once, ` +
      `${run.rounds} rounds of ${run.seconds} s each, alternating (latency in ms)`,
  );
  log(
    formatTable(
      ['durability', 'sales', 'seconds', 'sales/s', 'p50', 'p95', 'p99'],
      rows.map(([label, r]) => [
        label,
        String(r.sales),
        r.seconds.toFixed(1),
        r.perSecond.toFixed(1),
        formatMs(r.p50),
        formatMs(r.p95),
        formatMs(r.p99),
      ]),
    ),
  );
  const ratio = on.perSecond / off.perSecond;
  const loadEnd = loadavg();
  const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' ');
  log(`fsync / off: ${ratio.toFixed(2)} of the throughput`);
  log(
    `${availableParallelism()} cores; load average (1, 5, 15 min) ${load(run.loadStart)} at start, ` +
      `${load(loadEnd)} at end`,
  );
  log(
    JSON.stringify({
      bench: 'checkout-durability',
      cores: availableParallelism(),
      loadAverage: { start: run.loadStart, end: loadEnd },
      registers: run.registers,
      rounds: run.rounds,
      secondsPerRound: run.seconds,
      off: { sales: off.sales, perSecond: round(off.perSecond), p50: round(off.p50) },
      fsync: { sales: on.sales, perSecond: round(on.perSecond), p50: round(on.p50) },
      ratio: round(ratio),
    }),
  );
}
