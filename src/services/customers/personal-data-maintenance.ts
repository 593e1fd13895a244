import {
  checkpoint,
  dropOldWalSegments,
  mayRewriteStatistics,
  selectExistingTables,
  vacuumFullStatistics,
  vacuumFullTable,
  withSessionLockTimeout,
} from '../../store/maintenance.ts';
import { detachSalesAfterRetention, type RetentionRun } from './retention.ts';
import { systemActor, type Actor, type ServiceDeps } from '../platform/context.ts';

/**
 * Tables that hold or held personal data: erasure deletes or overwrites rows in them, and
 * the old row versions keep the bytes in the table files until the table is rewritten.
 * sales and sale_lines are here for the customer ids the retention job takes off.
 * A table a later migration adds (marketing_suppressions) is skipped where it is missing.
 */
export const personalDataTables = [
  'customers',
  'customer_contacts',
  'customer_lookups',
  'customer_cards',
  'customer_name_terms',
  'name_terms',
  'customer_changes',
  'consent_records',
  'customer_external_ids',
  'customer_group_members',
  'rights_requests',
  'idempotency_keys',
  'gift_cards',
  'marketing_suppressions',
  'sales',
  'sale_lines',
] as const;

/** How long a rewrite waits for a table a till is using before it is reported busy. */
const lockTimeoutMs = 30_000;

export type MaintenanceRun = {
  retention: RetentionRun;
  rewritten: string[];
  /** Tables still locked by other work after the lock timeout: not rewritten this time. */
  busy: string[];
  /**
   * Whether pg_statistic (sample column values, names among them) was rewritten too:
   * only a superuser may; the embedded database's user is one.
   */
  statisticsRewritten: boolean;
  /** Null when done; otherwise why not (on PostgreSQL it needs pg_checkpoint). */
  checkpointProblem: string | null;
  durationMs: number;
};

function isLockTimeout(error: unknown): boolean {
  return (error as { code?: string })?.code === '55P03';
}

/**
 * What `clientele maintenance` does, in this order: the retention job (so the rows it
 * changes are rewritten too), VACUUM FULL of every table that holds or held personal
 * data (with ANALYZE, so their statistics hold only today's values), the statistics
 * table where the user may, then a CHECKPOINT so the WAL holding old row images can be
 * recycled.
 */
export async function runMaintenance(
  deps: ServiceDeps,
  options: { actor?: Actor; lockTimeoutMs?: number; embedded?: boolean } = {},
): Promise<MaintenanceRun> {
  const actor = options.actor ?? systemActor;
  const started = Date.now();
  const retention = await detachSalesAfterRetention(deps, actor);
  const tables = await selectExistingTables(deps.db, personalDataTables);
  const rewritten: string[] = [];
  const busy: string[] = [];
  let checkpointProblem: string | null = null;
  let statisticsRewritten = false;
  await withSessionLockTimeout(deps.db, options.lockTimeoutMs ?? lockTimeoutMs, async (db) => {
    for (const table of tables) {
      try {
        await vacuumFullTable(db, table);
        rewritten.push(table);
      } catch (error) {
        if (!isLockTimeout(error)) throw error;
        busy.push(table);
      }
    }
    if (busy.length === 0 && (await mayRewriteStatistics(db))) {
      try {
        await vacuumFullStatistics(db);
        statisticsRewritten = true;
      } catch (error) {
        if (!isLockTimeout(error)) throw error;
        busy.push('pg_statistic');
      }
    }
    try {
      await checkpoint(db);
      if (options.embedded) await dropOldWalSegments(db);
    } catch (error) {
      if ((error as { code?: string })?.code !== '42501') throw error;
      checkpointProblem = (error as Error).message;
    }
  });
  return {
    retention,
    rewritten,
    busy,
    statisticsRewritten,
    checkpointProblem,
    durationMs: Date.now() - started,
  };
}
