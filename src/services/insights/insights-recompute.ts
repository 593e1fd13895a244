import { daysBetween } from '../../domain/insights/lapse-rule.ts';
import { ok } from '../../domain/result.ts';
import { newId } from '../../store/ids.ts';
import {
  deleteInsightsExcept,
  deleteInsightsNotOpenToProfiling,
  insertInsightRun,
  selectFirstSaleOn,
  selectProfiledCustomerIds,
  selectPurchaseSummaries,
  upsertInsights,
  type InsightRecord,
  type PurchaseSummaryRow,
} from '../../store/insights.ts';
import { inTransaction } from '../../store/transaction.ts';
import { backfillBirthdayLookups } from '../customers/birthday-lookups.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { scoreRun } from './insight-fit.ts';
import { modelVersion, ruleVersion } from './insight-scoring.ts';

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
};

/** Customers read per query, and rows written per transaction. */
const readBatch = 5_000;
const writeBatch = 1_000;

/**
 * Recomputes every customer's insight scores. Reads are plain selects; the writes go in
 * batches of their own short transactions (upserts of one table the till only reads), so
 * a sale is never held up. Safe to repeat: the same sales and the same day give the same
 * rows. Customers who objected to profiling or were erased are never read, and their
 * old rows are deleted. One insight_runs row records what was done and why.
 */
export async function recomputeInsights(deps: ServiceDeps): Promise<InsightRun> {
  const startedAt = deps.now();
  const asOf = startedAt.toISOString().slice(0, 10);
  const birthdaysIndexed = await backfillBirthdayLookups(deps);
  const { batches, rows } = await readSummaries(deps, asOf);
  const firstSaleOn = await selectFirstSaleOn(deps.db);
  const historyDays = firstSaleOn ? Math.max(0, daysBetween(firstSaleOn, asOf)) : 0;
  const { decision, records } = scoreRun({ rows, asOf, historyDays, computedAt: startedAt });
  let removed = await writeInsights(deps, { batches, records });
  removed += await deleteInsightsNotOpenToProfiling(deps.db);
  const run: InsightRun = {
    id: newId(startedAt.getTime()),
    startedAt,
    asOf,
    method: decision.method,
    modelVersion: decision.method === 'model' ? modelVersion : ruleVersion,
    fallbackReason: decision.reason,
    converged: decision.converged,
    params: decision.params,
    customers: records.length,
    historyDays,
    lapsed: records.filter((record) => record.lapsed).length,
    removed,
    birthdaysIndexed,
    durationMs: Math.max(0, deps.now().getTime() - startedAt.getTime()),
  };
  await insertInsightRun(deps.db, {
    ...run,
    finishedAt: deps.now(),
    customersWithPurchase: rows.length,
  });
  return run;
}

/** Every profiled customer's summary, read in keyset batches (the ids kept per batch). */
async function readSummaries(
  deps: ServiceDeps,
  asOf: string,
): Promise<{ batches: string[][]; rows: PurchaseSummaryRow[] }> {
  const batches: string[][] = [];
  const rows: PurchaseSummaryRow[] = [];
  let after: string | null = null;
  for (;;) {
    const ids = await selectProfiledCustomerIds(deps.db, { after, limit: readBatch });
    if (ids.length === 0) return { batches, rows };
    batches.push(ids);
    rows.push(...(await selectPurchaseSummaries(deps.db, { customerIds: ids, asOf })));
    after = ids[ids.length - 1]!;
  }
}

/**
 * Upserts the scored rows and deletes the rows of customers in the same id range who no
 * longer have a purchase, a batch per transaction. Returns how many rows were deleted.
 */
async function writeInsights(
  deps: ServiceDeps,
  { batches, records }: { batches: string[][]; records: InsightRecord[] },
): Promise<number> {
  const byCustomer = new Map(records.map((record) => [record.customerId, record]));
  let removed = 0;
  for (const ids of batches) {
    for (let start = 0; start < ids.length; start += writeBatch) {
      const slice = ids.slice(start, start + writeBatch);
      const scored = slice.flatMap((id) => byCustomer.get(id) ?? []);
      const written = await inTransaction(deps.db, async (trx) => {
        await upsertInsights(trx, scored);
        const keep = scored.map((record) => record.customerId);
        return ok(await deleteInsightsExcept(trx, { customerIds: slice, keep }));
      });
      if (written.ok) removed += written.value;
    }
  }
  return removed;
}
