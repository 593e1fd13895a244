import { fitBgNbd, groupRfm } from '../src/domain/insights/bg-nbd.ts';
import { fitGammaGamma } from '../src/domain/insights/gamma-gamma.ts';
import { getCustomer } from '../src/services/customers/customers.ts';
import { buildCustomerView } from '../src/services/customers/customer-view.ts';
import { modelInputs } from '../src/services/insights/insight-scoring.ts';
import {
  readSummaries,
  recomputeInsights,
  type InsightRun,
} from '../src/services/insights/insights-recompute.ts';
import type { ServiceDeps } from '../src/services/platform/context.ts';
import { findCustomerById } from '../src/store/customers.ts';
import { findCustomerWithHintById } from '../src/store/insight-hints.ts';
import { elapsedMs, summarise, type Summary } from './stats.ts';

const mib = (bytes: number) => bytes / 1024 / 1024;

export type RecomputeResult = {
  wallSeconds: number;
  run: InsightRun;
  /** Resident set size of this Node process before the run and at its highest (MiB). */
  rssBeforeMiB: number;
  rssPeakMiB: number;
  heapPeakMiB: number;
};

/**
 * The full recompute as the nightly job runs it, with this process's RSS sampled every
 * 50 ms. The database server's memory is its own and not counted here.
 */
export async function measureRecompute(deps: ServiceDeps): Promise<RecomputeResult> {
  const before = process.memoryUsage();
  let rssPeak = before.rss;
  let heapPeak = before.heapUsed;
  const sample = () => {
    const now = process.memoryUsage();
    rssPeak = Math.max(rssPeak, now.rss);
    heapPeak = Math.max(heapPeak, now.heapUsed);
  };
  const timer = setInterval(sample, 50);
  const started = process.hrtime.bigint();
  try {
    const run = await recomputeInsights(deps);
    sample();
    return {
      wallSeconds: elapsedMs(started) / 1000,
      run,
      rssBeforeMiB: mib(before.rss),
      rssPeakMiB: mib(rssPeak),
      heapPeakMiB: mib(heapPeak),
    };
  } finally {
    clearInterval(timer);
  }
}

export type PhaseTimings = {
  customersWithPurchase: number;
  groups: number;
  /** The full run's own phases: read the summaries, fit and rank, write. */
  readSeconds: number;
  fitSeconds: number;
  writeSeconds: number;
  /** Each fit alone, on the same summaries read again. */
  rhythmFitSeconds: number;
  spendFitSeconds: number;
};

const timed = <T>(work: () => T): [T, number] => {
  const started = process.hrtime.bigint();
  const value = work();
  return [value, elapsedMs(started) / 1000];
};

/**
 * The run's phases as it timed them, and each fit alone with the domain's own functions
 * on the summaries read again the way the service reads them.
 */
export async function measurePhases(deps: ServiceDeps, run: InsightRun): Promise<PhaseTimings> {
  const { columns } = await readSummaries(deps, run.asOf);
  const customers = Array.from({ length: columns.length }, (_, i) =>
    modelInputs(columns.row(i), run.asOf),
  );
  const [grouped] = timed(() => groupRfm(customers));
  const [, rhythmFitSeconds] = timed(() => fitBgNbd(groupRfm(customers)));
  const [, spendFitSeconds] = timed(() => fitGammaGamma(customers));
  return {
    customersWithPurchase: columns.length,
    groups: grouped.length,
    readSeconds: run.phasesMs.read / 1000,
    fitSeconds: run.phasesMs.fit / 1000,
    writeSeconds: run.phasesMs.write / 1000,
    rhythmFitSeconds,
    spendFitSeconds,
  };
}

export type LookupRows = {
  /** getCustomer as the till calls it: the customer row with its hint, then the view. */
  with: Summary;
  /**
   * The same view without the insight: the customer row alone (no join), then the same
   * buildCustomerView told there is no hint, so neither the hint nor the rewards are read.
   */
  without: Summary;
  /** The first read of each alone: the customer row with the hint joined, and without. */
  rowWithHint: Summary;
  rowAlone: Summary;
  withInsight: number;
};

const kinds = ['with', 'without', 'rowWithHint', 'rowAlone'] as const;
type Kind = (typeof kinds)[number];

/** One look-up of `kind`; true when it showed an insight. */
async function lookUp(deps: ServiceDeps, kind: Kind, id: string): Promise<boolean> {
  if (kind === 'with') {
    const view = await getCustomer(deps, id);
    if (!view.ok) throw new Error(`getCustomer ${id}: ${view.message}`);
    return view.value.insight !== null;
  }
  if (kind === 'rowWithHint') return (await findCustomerWithHintById(deps.db, id)) !== undefined;
  const row = await findCustomerById(deps.db, id);
  if (!row) throw new Error(`no customer ${id}`);
  if (kind === 'without') {
    const view = {
      db: deps.db,
      vault: deps.vault,
      row: { ...row, tillHint: null },
      now: deps.now(),
    };
    await buildCustomerView(view);
  }
  return false;
}

/** Every order of `items`. */
function orders<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    orders([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

/**
 * Look-ups of the same customers, each customer by every kind in turn, so that drift on a
 * shared machine hits each alike; `warmup` rounds first are not counted. The turns go
 * through every order of the kinds in turn: a rotation would always run 'without' right
 * after 'with' had read the same customer's contacts, cards and consents (warm in the CPU
 * caches), a head start for the baseline.
 */
export async function measureLookups(
  deps: ServiceDeps,
  { ids, warmup }: { ids: string[]; warmup: number },
): Promise<LookupRows> {
  const samples: Record<Kind, number[]> = { with: [], without: [], rowWithHint: [], rowAlone: [] };
  let withInsight = 0;
  const turns = orders(kinds);
  for (const [index, id] of ids.entries()) {
    for (const kind of turns[index % turns.length]!) {
      const started = process.hrtime.bigint();
      const shown = await lookUp(deps, kind, id);
      if (index < warmup) continue;
      samples[kind].push(elapsedMs(started));
      if (shown && kind === 'with') withInsight++;
    }
  }
  return {
    with: summarise(samples.with),
    without: summarise(samples.without),
    rowWithHint: summarise(samples.rowWithHint),
    rowAlone: summarise(samples.rowAlone),
    withInsight,
  };
}
