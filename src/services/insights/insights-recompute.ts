import { daysBetween } from '../../domain/insights/lapse-rule.ts';
import { newId } from '../../store/ids.ts';
import { withPurchaseSummaries } from '../../store/insight-summaries.ts';
import {
  deleteInsightsComputedBefore,
  deleteInsightsNotOpenToProfiling,
  insertInsightRun,
  upsertInsights,
} from '../../store/insights.ts';
import { backfillBirthdayLookups } from '../customers/birthday-lookups.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { scoreRun } from './insight-fit.ts';
import { modelVersion, ruleVersion } from './insight-scoring.ts';
import { createSummaryColumns, type SummaryColumns } from './summary-columns.ts';

export type InsightRun = {
  id: string;
  startedAt: Date;
  asOf: string;
  method: 'model' | 'rule';
  modelVersion: string;
  /** Why the rule is in use; null when the model is. */
  fallbackReason: string | null;
  converged: boolean | null;
  params: Record<string, number> | null;
  customers: number;
  historyDays: number;
  lapsed: number;
  removed: number;
  birthdaysIndexed: number;
  durationMs: number;
  /** Where the time went (not stored): reading the summaries, fitting and ranking, writing. */
  phasesMs: { read: number; fit: number; write: number };
};

/** Summaries read per page, and rows written per statement. */
const readPage = 20_000;
const writePage = 5_000;

/**
 * Recomputes every customer's insight scores. The sales are summarised in one pass (see
 * withPurchaseSummaries) and read in pages; the scores are written a page per statement
 * (upserts of a table the till only reads, each its own short transaction), so a sale is
 * never held up. Safe to repeat: the same sales and the same day give the same rows.
 * Customers who objected to profiling or were erased are never read, and their old rows
 * are deleted, as are the rows of customers this run did not score (they no longer have
 * a purchase). One insight_runs row records what was done and why.
 */
export async function recomputeInsights(deps: ServiceDeps): Promise<InsightRun> {
  const startedAt = deps.now();
  const clock = process.hrtime.bigint();
  const lap = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;
  const asOf = startedAt.toISOString().slice(0, 10);
  const birthdaysIndexed = await backfillBirthdayLookups(deps);
  const { columns, firstSaleOn } = await readSummaries(deps, asOf);
  const readMs = lap(clock);
  const historyDays = firstSaleOn ? Math.max(0, daysBetween(firstSaleOn, asOf)) : 0;
  const { decision, record } = scoreRun({ columns, asOf, historyDays });
  const fitMs = lap(clock) - readMs;
  const method = decision.method;
  const version = method === 'model' ? modelVersion : ruleVersion;
  let lapsed = 0;
  // One page is written while the next is scored: the database and this process each
  // have a core's worth of work, and neither waits for the other.
  let writing: Promise<number> = Promise.resolve(0);
  for (let start = 0; start < columns.length; start += writePage) {
    const records = [];
    for (let i = start; i < Math.min(columns.length, start + writePage); i++) {
      const scored = record(i, startedAt);
      if (scored.lapsed) lapsed++;
      records.push(scored);
    }
    await writing;
    writing = upsertInsights(
      deps.db,
      { computedAt: startedAt, modelVersion: version, method },
      records,
    );
  }
  await writing;
  const removed =
    (await deleteInsightsComputedBefore(deps.db, startedAt)) +
    (await deleteInsightsNotOpenToProfiling(deps.db));
  const writeMs = lap(clock) - readMs - fitMs;
  const run: InsightRun = {
    id: newId(startedAt.getTime()),
    startedAt,
    asOf,
    method,
    modelVersion: version,
    fallbackReason: decision.reason,
    converged: decision.converged,
    params: decision.params,
    customers: columns.length,
    historyDays,
    lapsed,
    removed,
    birthdaysIndexed,
    durationMs: Math.max(0, deps.now().getTime() - startedAt.getTime()),
    phasesMs: { read: readMs, fit: fitMs, write: writeMs },
  };
  await insertInsightRun(deps.db, {
    ...run,
    finishedAt: deps.now(),
    customersWithPurchase: columns.length,
  });
  return run;
}

/** Every profiled customer's summary, read a page at a time into columns. */
export async function readSummaries(
  deps: ServiceDeps,
  asOf: string,
): Promise<{ columns: SummaryColumns; firstSaleOn: string | null }> {
  const shards = deps.concurrentReads ?? 1;
  return withPurchaseSummaries(deps.db, { asOf, shards }, async (reader) => {
    const columns = createSummaryColumns();
    for await (const rows of reader.pages(readPage)) for (const row of rows) columns.push(row);
    return { columns, firstSaleOn: reader.firstSaleOn };
  });
}
