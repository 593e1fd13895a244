import { ok } from '../../domain/result.ts';
import { retentionCutoff, retentionYears } from '../../domain/retention.ts';
import { detachErasedCustomersFromSales } from '../../store/retention.ts';
import { inTransaction } from '../../store/transaction.ts';
import { recordAudit } from '../platform/audit.ts';
import { systemActor, type Actor, type ServiceDeps } from '../platform/context.ts';
import { getShopSettings } from '../shop/settings.ts';

export type RetentionRun = {
  /** The period in force: the shop's setting, or its country's default. */
  years: number;
  /** Sales completed before this moment were past retention. */
  cutoff: Date;
  sales: number;
  saleLines: number;
};

/**
 * Once the accounting retention period has passed, an erased customer's old sales need
 * not name them any more: their sales and sale lines completed before the cut-off lose
 * the customer id, in one transaction. Active customers keep their history (it is
 * theirs to see and export). Ledgers stay as they are, balanced. Audited only when
 * something changed, so the hourly run does not fill the log; a second run changes
 * nothing.
 */
export async function detachSalesAfterRetention(
  deps: ServiceDeps,
  actor: Actor = systemActor,
): Promise<RetentionRun> {
  const years = retentionYears(await getShopSettings(deps.db));
  const cutoff = retentionCutoff(deps.now(), years);
  const run = await inTransaction(deps.db, async (trx) => {
    const detached = await detachErasedCustomersFromSales(trx, cutoff);
    if (detached.sales > 0 || detached.saleLines > 0) {
      await recordAudit({
        db: trx,
        actor,
        entry: {
          action: 'sales.detached_after_retention',
          detail: { years, cutoff: cutoff.toISOString(), ...detached },
        },
      });
    }
    return ok(detached);
  });
  if (!run.ok) throw new Error(run.message);
  return { years, cutoff, ...run.value };
}
