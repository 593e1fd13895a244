import { randomInt } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { createRandom } from '../src/demo/generate-customers.ts';
import { createContactVault } from '../src/services/platform/contact-vault.ts';
import type { ServiceDeps } from '../src/services/platform/context.ts';
import type { DatabaseHandle } from '../src/store/database.ts';
import type { BenchArgs } from './args.ts';
import {
  defaultBenchDatabaseUrl,
  describeUrl,
  openExistingPostgres,
  openFreshPglite,
  openFreshPostgres,
} from './bench-database.ts';
import {
  createNaiveTable,
  loadCustomers,
  settleAfterLoad,
  type LoadResult,
} from './search-load.ts';
import {
  addBaselineTrigramIndexes,
  measureBaseline,
  measureSearch,
  type Row,
} from './search-measure.ts';
import {
  buildQueries,
  nameKinds,
  queryKinds,
  type NameKind,
  type QueryKind,
} from './search-queries.ts';
import { printEngineReport, printSummary, type EngineResult } from './search-report.ts';
import { readLoadedCustomers } from './search-reuse.ts';
import { elapsedMs } from './stats.ts';

type SearchOptions = {
  queries: number;
  baselineQueries: number;
  warmup: number;
  batchSize: number;
  skipTrigram: boolean;
};

const log = (line: string) => console.log(line);

/**
 * Random integers that never repeat within a run. insertValidatedCustomers retries a
 * customer number that was taken, but when two customers of one batch draw the same number
 * it re-inserts the one that went in (customers_pkey violation; reported). Customer numbers
 * are this function's only use here, so drawing without repeats sidesteps that bug.
 */
function nonRepeatingRandomInt(): (min: number, max: number) => number {
  const drawn = new Set<number>();
  return (min, max) => {
    for (;;) {
      const value = randomInt(min, max);
      if (!drawn.has(value)) {
        drawn.add(value);
        return value;
      }
    }
  };
}

/** Queries need a pool of loaded customers to draw from; keep enough for every kind. */
function chooseSampleIndices(count: number, wanted: number): Set<number> {
  const random = createRandom(7);
  const indices = new Set<number>();
  if (wanted >= count) return new Set(Array.from({ length: count }, (_, i) => i));
  while (indices.size < wanted) indices.add(Math.floor(random() * count));
  return indices;
}

async function runEngine(run: {
  engine: EngineResult['engine'];
  handle: DatabaseHandle;
  customers: number;
  concurrency: number;
  reuse: boolean;
  options: SearchOptions;
}): Promise<EngineResult> {
  const { engine, handle, customers, concurrency, options } = run;
  const deps: ServiceDeps = {
    db: handle.db,
    // A fixed master key: the figures must not depend on the key, and nothing here is secret.
    vault: createContactVault(Buffer.alloc(32)),
    now: () => new Date(),
    randomInt: nonRepeatingRandomInt(),
  };
  const sampleCount = 12 * (options.queries + options.warmup);
  let load: LoadResult;
  let settleSeconds = 0;
  if (run.reuse) {
    load = await readLoadedCustomers(handle.db, sampleCount);
    log(`${engine}: reusing ${load.customers.toLocaleString('en-GB')} customers already loaded`);
  } else {
    await createNaiveTable(handle.db);
    log(`${engine}: loading ${customers.toLocaleString('en-GB')} customers`);
    load = await loadCustomers(deps, {
      count: customers,
      batchSize: options.batchSize,
      concurrency,
      sampleIndices: chooseSampleIndices(customers, sampleCount),
      log,
    });
    const settleStart = process.hrtime.bigint();
    await settleAfterLoad(handle.db);
    settleSeconds = elapsedMs(settleStart) / 1000;
    log(`${engine}: VACUUM ANALYZE + CHECKPOINT in ${settleSeconds.toFixed(1)} s`);
  }

  const { sets, worstPrefixes, typoTerms } = buildQueries({
    samples: load.samples,
    prefixCounts: load.prefixCounts,
    termCounts: load.termCounts,
    perKind: options.queries,
    warmup: options.warmup,
    seed: 11,
  });
  log(`${engine}: worst common prefixes: ${worstPrefixes.join(' ')}`);

  const ours = {} as Record<QueryKind, Row>;
  for (const kind of queryKinds) {
    ours[kind] = await measureSearch(deps, sets[kind]);
    log(`${engine}: measured ${kind}`);
  }

  // The baseline is a scan per query, so it gets fewer queries (the first ones of each set).
  const baselineSets = (kind: NameKind) => ({
    warmup: sets[kind].warmup.slice(0, 3),
    measured: sets[kind].measured.slice(0, options.baselineQueries),
  });
  const baseline = {} as Record<NameKind, Row>;
  for (const kind of nameKinds) {
    baseline[kind] = await measureBaseline(handle.db, baselineSets(kind));
    log(`${engine}: measured baseline ${kind}`);
  }
  let baselineTrigram: Record<NameKind, Row> | null = null;
  let trigramIndexSeconds: number | null = null;
  if (!options.skipTrigram) {
    const indexStart = process.hrtime.bigint();
    await addBaselineTrigramIndexes(handle.db);
    trigramIndexSeconds = elapsedMs(indexStart) / 1000;
    log(`${engine}: baseline trigram indexes built in ${trigramIndexSeconds.toFixed(1)} s`);
    baselineTrigram = {} as Record<NameKind, Row>;
    for (const kind of nameKinds) {
      baselineTrigram[kind] = await measureBaseline(handle.db, baselineSets(kind));
      log(`${engine}: measured baseline + trigram ${kind}`);
    }
  }
  return {
    engine,
    customers: load.customers,
    reused: run.reuse,
    loadSeconds: load.seconds,
    loadPerSecond: load.perSecond,
    settleSeconds,
    trigramIndexSeconds,
    worstPrefixes,
    typoTerms: typoTerms.slice(0, 12),
    ours,
    baseline,
    baselineTrigram,
  };
}

export async function runSearchBench(args: BenchArgs): Promise<void> {
  const options: SearchOptions = {
    queries: args.number('queries', 300),
    baselineQueries: args.number('baseline-queries', 150),
    warmup: args.number('warmup', 30),
    batchSize: args.number('batch-size', 2000),
    skipTrigram: args.flag('skip-trigram'),
  };
  const results: EngineResult[] = [];
  // Other work on the machine shows up as latency; say how busy it was.
  const machine = () => `${cpus().length} cores, load average ${loadavg()[0]?.toFixed(2)}`;
  log(`search bench: ${machine()}`);
  if (!args.flag('skip-postgres')) {
    const url = process.env.BENCH_DATABASE_URL ?? defaultBenchDatabaseUrl;
    const concurrency = args.number('load-concurrency', 2);
    const reuse = args.flag('reuse');
    log(
      `postgres: ${describeUrl(url)}` +
        (reuse ? ' (reusing its data)' : ' (schema public dropped and recreated)'),
    );
    // The server's own pool size: a search's independent reads may go out at once.
    const poolSize = Math.max(concurrency + 1, 10);
    const handle = reuse
      ? await openExistingPostgres(url, poolSize)
      : await openFreshPostgres(url, poolSize);
    try {
      const result = await runEngine({
        engine: 'postgres',
        handle,
        customers: args.number('pg-customers', 1_000_000),
        concurrency,
        reuse,
        options,
      });
      printEngineReport(result);
      results.push(result);
    } finally {
      await handle.close();
    }
  }
  if (!args.flag('skip-pglite')) {
    log('pglite: in memory');
    const handle = await openFreshPglite();
    try {
      const result = await runEngine({
        engine: 'pglite',
        handle,
        customers: args.number('pglite-customers', 200_000),
        concurrency: 1,
        reuse: false,
        options,
      });
      printEngineReport(result);
      results.push(result);
    } finally {
      await handle.close();
    }
  }
  log(`search bench done: ${machine()}`);
  printSummary(results, { ...options, cores: cpus().length, loadAverageAtEnd: loadavg()[0] });
}
