import { maskContacts } from '../src/domain/contact-mask.ts';
import { fitBgNbd, groupRfm } from '../src/domain/insights/bg-nbd.ts';
import { fitGammaGamma } from '../src/domain/insights/gamma-gamma.ts';
import { getCustomer } from '../src/services/customers/customers.ts';
import { loadTillInsights } from '../src/services/customers/customer-insight-hints.ts';
import { openContacts } from '../src/services/customers/customer-records.ts';
import { fitAndChoose } from '../src/services/insights/insight-fit.ts';
import { modelInputs, scoreCustomers } from '../src/services/insights/insight-scoring.ts';
import { recomputeInsights, type InsightRun } from '../src/services/insights/insights-recompute.ts';
import type { ServiceDeps } from '../src/services/platform/context.ts';
import { selectCurrentConsents } from '../src/store/consents.ts';
import { selectSealedContacts } from '../src/store/customer-contacts.ts';
import { selectCardsOfCustomers } from '../src/store/customer-cards.ts';
import { findCustomerById } from '../src/store/customers.ts';
import {
  selectFirstSaleOn,
  selectProfiledCustomerIds,
  selectPurchaseSummaries,
  type PurchaseSummaryRow,
} from '../src/store/insights.ts';
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
  readSeconds: number;
  firstSaleSeconds: number;
  /** fitAndChoose as the service calls it: both fits and the choice. */
  fitSeconds: number;
  rhythmFitSeconds: number;
  spendFitSeconds: number;
  scoreSeconds: number;
};

/** The service's read loop (selectProfiledCustomerIds + selectPurchaseSummaries), timed. */
async function readSummaries(deps: ServiceDeps, asOf: string): Promise<PurchaseSummaryRow[]> {
  const rows: PurchaseSummaryRow[] = [];
  let after: string | null = null;
  for (;;) {
    const ids = await selectProfiledCustomerIds(deps.db, { after, limit: 5_000 });
    if (ids.length === 0) return rows;
    rows.push(...(await selectPurchaseSummaries(deps.db, { customerIds: ids, asOf })));
    after = ids[ids.length - 1]!;
  }
}

const timed = <T>(work: () => T): [T, number] => {
  const started = process.hrtime.bigint();
  const value = work();
  return [value, elapsedMs(started) / 1000];
};

/**
 * The recompute's steps one by one, with the service's own functions on the same data,
 * so the total can be split: read, fit (and each fit alone), score. Writing is what is
 * left of the full run.
 */
export async function measurePhases(deps: ServiceDeps, historyDays: number): Promise<PhaseTimings> {
  const asOf = deps.now().toISOString().slice(0, 10);
  const readStart = process.hrtime.bigint();
  const rows = await readSummaries(deps, asOf);
  const readSeconds = elapsedMs(readStart) / 1000;
  const firstStart = process.hrtime.bigint();
  await selectFirstSaleOn(deps.db);
  const firstSaleSeconds = elapsedMs(firstStart) / 1000;
  const [decision, fitSeconds] = timed(() => fitAndChoose({ rows, asOf, historyDays }));
  const customers = rows.map((row) => modelInputs(row, asOf));
  const [grouped] = timed(() => groupRfm(customers));
  const [, rhythmFitSeconds] = timed(() => fitBgNbd(groupRfm(customers)));
  const [, spendFitSeconds] = timed(() => fitGammaGamma(customers));
  const [, scoreSeconds] = timed(() =>
    scoreCustomers({ rows, asOf, computedAt: deps.now(), fitted: decision.fitted }),
  );
  return {
    customersWithPurchase: rows.length,
    groups: grouped.length,
    readSeconds,
    firstSaleSeconds,
    fitSeconds,
    rhythmFitSeconds,
    spendFitSeconds,
    scoreSeconds,
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
