import { sql } from 'kysely';
import { cpus, loadavg } from 'node:os';
import { backfillBirthdayLookups } from '../src/services/customers/birthday-lookups.ts';
import { createContactVault } from '../src/services/platform/contact-vault.ts';
import type { ServiceDeps } from '../src/services/platform/context.ts';
import type { DatabaseHandle } from '../src/store/database.ts';
import type { BenchArgs } from './args.ts';
import {
  describeUrl,
  openExistingPostgres,
  openFreshPglite,
  openFreshPostgres,
} from './bench-database.ts';
import {
  chooseLookupCustomers,
  giveContactsAndPoints,
  historyDays,
  loadInsightsData,
  settleInsightsData,
  type LoadedData,
} from './insights-data.ts';
import {
  measureLookups,
  measurePhases,
  measureRecompute,
  type LookupRows,
  type PhaseTimings,
  type RecomputeResult,
} from './insights-measure.ts';
import { formatMs, formatTable } from './stats.ts';

const defaultUrl = 'postgres://postgres@127.0.0.1:5432/clientele_bench_insights';
const log = (line: string) => console.log(line);
const load1 = () => Number(loadavg()[0]?.toFixed(2));

type Options = {
  salesPerCustomer: number;
  lookups: number;
  warmup: number;
  skipPhases: boolean;
  /** Load (or count) the data and stop: to generate it once, then measure with --reuse. */
  loadOnly: boolean;
  /** Measure the look-ups only, on the insights of an earlier run (with --reuse). */
  lookupsOnly: boolean;
};

type EngineResult = {
  engine: 'postgres' | 'pglite';
  reused: boolean;
  data: LoadedData;
  recompute: RecomputeResult | null;
  phases: PhaseTimings | null;
  lookups: LookupRows;
  load: { recompute: number | null; lookups: number };
};

async function countData(handle: DatabaseHandle): Promise<LoadedData> {
  const row = await sql<{ customers: string; sales: string; returns: string }>`
    SELECT (SELECT count(*) FROM customers) AS customers,
      (SELECT count(*) FROM sales WHERE kind = 'sale') AS sales,
      (SELECT count(*) FROM sales WHERE kind = 'return') AS returns
  `.execute(handle.db);
  const counts = row.rows[0]!;
  if (Number(counts.customers) === 0) throw new Error('--reuse: no customers; run without it');
  return {
    customers: Number(counts.customers),
    sales: Number(counts.sales),
    returns: Number(counts.returns),
    seconds: 0,
  };
}

async function runEngine(run: {
  engine: EngineResult['engine'];
  handle: DatabaseHandle;
  customers: number;
  reuse: boolean;
  options: Options;
}): Promise<EngineResult | null> {
  const { engine, handle, options } = run;
  const deps: ServiceDeps = {
    db: handle.db,
    // A fixed master key: nothing here is secret, and the figures must not depend on it.
    vault: createContactVault(Buffer.alloc(32)),
    now: () => new Date(),
    randomInt: (min, max) => min + Math.floor(Math.random() * (max - min)),
    concurrentReads: engine === 'postgres' ? 2 : 1,
  };
  let data: LoadedData;
  const lookupCount = options.lookups + options.warmup;
  let ids: string[];
  if (run.reuse) {
    data = await countData(handle);
    ids = await chooseLookupCustomers(handle.db, lookupCount);
    log(`${engine}: reusing ${data.customers.toLocaleString('en-GB')} customers`);
  } else {
    log(`${engine}: loading ${run.customers.toLocaleString('en-GB')} customers`);
    data = await loadInsightsData(handle.db, {
      customers: run.customers,
      salesPerCustomer: options.salesPerCustomer,
      log,
    });
    ids = await chooseLookupCustomers(handle.db, lookupCount);
    await giveContactsAndPoints(deps, ids);
    await settleInsightsData(handle.db, engine);
    log(`${engine}: loaded in ${data.seconds.toFixed(0)} s (with VACUUM ANALYZE)`);
  }
  // Birthdays saved before the index are indexed once; the nightly run then finds none.
  await backfillBirthdayLookups(deps);
  if (options.loadOnly) return null;
  const loadAtRecompute = options.lookupsOnly ? null : load1();
  const recompute = options.lookupsOnly ? null : await timeRecompute(engine, deps);
  const phases = recompute && !options.skipPhases ? await measurePhases(deps, recompute.run) : null;
  if (phases) log(`${engine}: phases measured`);
  const loadAtLookups = load1();
  log(`${engine}: look-ups (load average ${loadAtLookups})`);
  const lookups = await measureLookups(deps, { ids, warmup: options.warmup });
  log(`${engine}: look-ups measured`);
  return {
    engine,
    reused: run.reuse,
    data,
    recompute,
    phases,
    lookups,
    load: { recompute: loadAtRecompute, lookups: loadAtLookups },
  };
}

async function timeRecompute(
  engine: EngineResult['engine'],
  deps: ServiceDeps,
): Promise<RecomputeResult> {
  log(`${engine}: full recompute (load average ${load1()})`);
  const recompute = await measureRecompute(deps);
  log(
    `${engine}: recompute ${recompute.wallSeconds.toFixed(1)} s, peak RSS ` +
      `${recompute.rssPeakMiB.toFixed(0)} MiB, method ${recompute.run.method}` +
      (recompute.run.fallbackReason ? ` (${recompute.run.fallbackReason})` : ''),
  );
  return recompute;
}

function printEngine(result: EngineResult): void {
  const { data, recompute, phases, lookups } = result;
  log('');
  log(
    `${result.engine}: ${data.customers.toLocaleString('en-GB')} customers, ` +
      `${data.sales.toLocaleString('en-GB')} sales, ${data.returns.toLocaleString('en-GB')} returns` +
      (result.reused ? ' (reused)' : `, loaded in ${data.seconds.toFixed(0)} s`),
  );
  if (recompute) printRecompute(recompute, phases, result.load.recompute);
  printLookups(lookups, result.load.lookups);
}

function printRecompute(
  recompute: RecomputeResult,
  phases: PhaseTimings | null,
  load: number | null,
): void {
  const s = (seconds: number) => seconds.toFixed(2);
  const rows: string[][] = [
    ['full recompute (wall)', `${s(recompute.wallSeconds)} s`],
    [
      'peak RSS of Node (before)',
      `${recompute.rssPeakMiB.toFixed(0)} MiB (${recompute.rssBeforeMiB.toFixed(0)})`,
    ],
    ['peak heap used', `${recompute.heapPeakMiB.toFixed(0)} MiB`],
    ['customers scored', recompute.run.customers.toLocaleString('en-GB')],
    [
      'method',
      recompute.run.method + (recompute.run.converged === false ? ' (not converged)' : ''),
    ],
    ['load average at start', String(load)],
  ];
  if (phases) {
    rows.push(
      ['  read summaries (one pass, paged)', `${s(phases.readSeconds)} s`],
      [
        `  fit and rank (${phases.groups.toLocaleString('en-GB')} groups)`,
        `${s(phases.fitSeconds)} s`,
      ],
      ['    rhythm fit alone (group + MBG/NBD)', `${s(phases.rhythmFitSeconds)} s`],
      ['    spend fit alone (Gamma-Gamma)', `${s(phases.spendFitSeconds)} s`],
      ['  score and write', `${s(phases.writeSeconds)} s`],
    );
  }
  log(formatTable(['recompute', 'value'], rows));
  log('');
}

function printLookups(lookups: LookupRows, load: number): void {
  const line = (name: string, row: LookupRows['with']) => [
    name,
    String(row.n),
    formatMs(row.p50),
    formatMs(row.p95),
    formatMs(row.p99),
  ];
  log(
    formatTable(
      ['till look-up (ms)', 'n', 'p50', 'p95', 'p99'],
      [
        line('getCustomer with insight', lookups.with),
        line('same view without insight', lookups.without),
        line('  customer row with hint joined', lookups.rowWithHint),
        line('  customer row alone', lookups.rowAlone),
      ],
    ),
  );
  const delta = lookups.with.p95 - lookups.without.p95;
  log(
    `p95 difference with - without: ${delta.toFixed(3)} ms (goal <= 0.3); ` +
      `${lookups.withInsight} of ${lookups.with.n} looked-up customers had an insight; ` +
      `load average ${load}`,
  );
}

export async function runInsightsBench(args: BenchArgs): Promise<void> {
  const options: Options = {
    salesPerCustomer: args.number('sales-per-customer', 10),
    lookups: args.number('lookups', 2000),
    warmup: args.number('warmup', 200),
    skipPhases: args.flag('skip-phases'),
    loadOnly: args.flag('load-only'),
    lookupsOnly: args.flag('lookups-only'),
  };
  const machine = () => `${cpus().length} cores, load average ${loadavg()[0]?.toFixed(2)}`;
  log(`insights bench: ${machine()}, ${historyDays} days of history`);
  const results: EngineResult[] = [];
  if (!args.flag('skip-postgres')) {
    const url = process.env.BENCH_INSIGHTS_DATABASE_URL ?? defaultUrl;
    const reuse = args.flag('reuse');
    log(`postgres: ${describeUrl(url)}${reuse ? ' (reusing its data)' : ' (schema public reset)'}`);
    const handle = reuse ? await openExistingPostgres(url, 10) : await openFreshPostgres(url, 10);
    try {
      const customers = args.number('pg-customers', 1_000_000);
      const result = await runEngine({ engine: 'postgres', handle, customers, reuse, options });
      if (result) {
        results.push(result);
        printEngine(result);
      }
    } finally {
      await handle.close();
    }
  }
  if (!args.flag('skip-pglite')) {
    log('pglite: in memory');
    const handle = await openFreshPglite();
    try {
      const customers = args.number('pglite-customers', 200_000);
      const result = await runEngine({
        engine: 'pglite',
        handle,
        customers,
        reuse: false,
        options,
      });
      if (result) {
        results.push(result);
        printEngine(result);
      }
    } finally {
      await handle.close();
    }
  }
  log(`insights bench done: ${machine()}`);
  console.log(
    JSON.stringify({
      bench: 'insights',
      cores: cpus().length,
      loadAverageAtEnd: load1(),
      options,
      results: results.map((result) => ({
        ...result,
        recompute: result.recompute && {
          ...result.recompute,
          run: { ...result.recompute.run, startedAt: undefined },
        },
        lookupP95DifferenceMs: result.lookups.with.p95 - result.lookups.without.p95,
      })),
    }),
  );
}
