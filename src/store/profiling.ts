import { sql, type RawBuilder } from 'kysely';
import type { Db } from './database.ts';

/**
 * The one rule every computed profile must honour: a customer who objected to profiling
 * (GDPR art. 21, `customers.objects_to_profiling_at` set) is left out of rule-based groups
 * today, and of any score, insight, segment or campaign audience added later.
 *
 * New features select their customers through `openToProfiling` (as a where clause on the
 * customers table) or `customersOpenToProfiling` (as a subquery of ids); a computation
 * that reads sales or any other table by customer_id must still join or filter through one
 * of them, never read customers directly.
 */
export function openToProfiling(customersAlias = 'customers'): RawBuilder<boolean> {
  // An erased customer is profiled no more than one who objected.
  return sql<boolean>`(${sql.ref(`${customersAlias}.objects_to_profiling_at`)} IS NULL AND ${sql.ref(`${customersAlias}.status`)} <> 'erased')`;
}

/** The ids of customers who may be profiled, for `customer_id IN (…)`. */
export function customersOpenToProfiling(): RawBuilder<{ id: string }> {
  return sql<{ id: string }>`SELECT id FROM customers WHERE ${openToProfiling()}`;
}

/**
 * Records an objection (keeping the first date when it is already set) or clears it.
 * Returns the date in force afterwards.
 */
export async function updateProfilingObjection(
  db: Db,
  customerId: string,
  objectsAt: Date | null,
): Promise<Date | null> {
  const row = await db
    .updateTable('customers')
    .set({
      objects_to_profiling_at: objectsAt
        ? sql<Date>`coalesce(objects_to_profiling_at, ${objectsAt})`
        : null,
    })
    .where('id', '=', customerId)
    .returning('objects_to_profiling_at')
    .executeTakeFirstOrThrow();
  return row.objects_to_profiling_at;
}

/**
 * Takes a customer who objected out of every rule-based group at once, rather than at
 * the next recompute. Manual groups are the shop's own choice and stay.
 */
export async function leaveRuleGroups(db: Db, customerId: string): Promise<number> {
  const result = await db
    .deleteFrom('customer_group_members')
    .where('customer_id', '=', customerId)
    .where('group_id', 'in', (eb) =>
      eb.selectFrom('customer_groups').select('id').where('kind', '=', 'rule'),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * A merge step: the two profiles were one person, so an objection either recorded stands
 * for the survivor (its own date if it had one) and takes it out of rule groups.
 */
export async function carryProfilingObjection(
  db: Db,
  { survivorId, mergedId }: { survivorId: string; mergedId: string },
): Promise<void> {
  const merged = await db
    .selectFrom('customers')
    .select('objects_to_profiling_at')
    .where('id', '=', mergedId)
    .executeTakeFirst();
  if (!merged?.objects_to_profiling_at) return;
  await updateProfilingObjection(db, survivorId, merged.objects_to_profiling_at);
  await leaveRuleGroups(db, survivorId);
}
