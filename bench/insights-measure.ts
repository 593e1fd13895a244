import { maskContacts } from '../src/domain/contact-mask.ts';
import { fitBgNbd, groupRfm } from '../src/domain/insights/bg-nbd.ts';
import { fitGammaGamma } from '../src/domain/insights/gamma-gamma.ts';
import { getCustomer } from '../src/services/customers/customers.ts';
import { loadTillInsights } from '../src/services/customers/customer-insight-hints.ts';
import { openContacts } from '../src/services/customers/customer-records.ts';
import { modelInputs } from '../src/services/insights/insight-scoring.ts';
import {
  readSummaries,
  recomputeInsights,
  type InsightRun,
} from '../src/services/insights/insights-recompute.ts';
import type { ServiceDeps } from '../src/services/platform/context.ts';
import { selectCurrentConsents } from '../src/store/consents.ts';
import { selectSealedContacts } from '../src/store/customer-contacts.ts';
import { selectCardsOfCustomers } from '../src/store/customer-cards.ts';
import { findCustomerById } from '../src/store/customers.ts';
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

/**
 * The till's customer view without the insight: getCustomer's reads and work as they
 * were before the badge (customer row, then contacts, cards and consents at once, the
 * contacts opened for the mask), the hint's query left out. A copy for the benchmark
 * only: buildCustomerViews has no switch.
 */
async function customerViewWithoutInsight(deps: ServiceDeps, id: string) {
  const row = await findCustomerById(deps.db, id);
  if (!row) throw new Error(`no customer ${id}`);
  const [sealed, cards, consents] = await Promise.all([
    selectSealedContacts(deps.db, [id]),
    selectCardsOfCustomers(deps.db, [id]),
    selectCurrentConsents(deps.db, [id]),
  ]);
  return { row, mask: maskContacts(openContacts(deps.vault, sealed.get(id))), cards, consents };
}

export type LookupRows = {
  with: Summary;
  without: Summary;
  /** loadTillInsights alone (the hint's own query, and the rewards when there are points). */
  hintOnly: Summary;
  withInsight: number;
};

/**
 * Look-ups of the same customers, alternating the three kinds in rotating order so that
 * drift on a shared machine hits each alike; `warmup` rounds first are not counted.
 */
export async function measureLookups(
  deps: ServiceDeps,
  { ids, warmup }: { ids: string[]; warmup: number },
): Promise<LookupRows> {
  const samples = { with: [] as number[], without: [] as number[], hintOnly: [] as number[] };
  let withInsight = 0;
  const kinds = ['with', 'without', 'hintOnly'] as const;
  for (const [index, id] of ids.entries()) {
    for (let turn = 0; turn < kinds.length; turn++) {
      const kind = kinds[(index + turn) % kinds.length]!;
      const started = process.hrtime.bigint();
      if (kind === 'with') {
        const view = await getCustomer(deps, id);
        if (!view.ok) throw new Error(`getCustomer ${id}: ${view.message}`);
        if (index >= warmup && view.value.insight) withInsight++;
      } else if (kind === 'without') {
        await customerViewWithoutInsight(deps, id);
      } else {
        (await loadTillInsights({ db: deps.db, ids: [id], now: deps.now() }))(id, null);
      }
      if (index >= warmup) samples[kind].push(elapsedMs(started));
    }
  }
  return {
    with: summarise(samples.with),
    without: summarise(samples.without),
    hintOnly: summarise(samples.hintOnly),
    withInsight,
  };
}
