import type { Db } from './database.ts';
import { isUniqueViolation } from './transaction.ts';

export type CustomerSegmentRecord = {
  id: string;
  name: string;
  definition: Record<string, unknown>;
  createdByStaffId: string | null;
  createdAt: Date;
};

/** Saves a segment definition; false when the name is taken. */
export async function insertCustomerSegment(
  db: Db,
  segment: CustomerSegmentRecord,
): Promise<boolean> {
  const inserted = await db
    .insertInto('customer_segments')
    .values({
      id: segment.id,
      name: segment.name,
      definition: JSON.stringify(segment.definition),
      created_by_staff_id: segment.createdByStaffId,
      created_at: segment.createdAt,
    })
    .onConflict((conflict) => conflict.column('name').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function selectCustomerSegments(db: Db): Promise<CustomerSegmentRecord[]> {
  const rows = await db.selectFrom('customer_segments').selectAll().orderBy('name').execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    definition: row.definition,
    createdByStaffId: row.created_by_staff_id,
    createdAt: row.created_at,
  }));
}

export async function findCustomerSegment(
  db: Db,
  id: string,
): Promise<CustomerSegmentRecord | undefined> {
  const row = await db
    .selectFrom('customer_segments')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      name: row.name,
      definition: row.definition,
      createdByStaffId: row.created_by_staff_id,
      createdAt: row.created_at,
    }
  );
}

/**
 * Renames a segment and/or replaces its definition. 'missing' when there is no such
 * segment, 'name_taken' when another one has the name.
 */
export async function updateCustomerSegment(
  db: Db,
  id: string,
  change: { name?: string; definition?: Record<string, unknown> },
): Promise<'updated' | 'missing' | 'name_taken'> {
  if (change.name !== undefined) {
    const clash = await db
      .selectFrom('customer_segments')
      .select('id')
      .where('name', '=', change.name)
      .where('id', '<>', id)
      .executeTakeFirst();
    if (clash) return 'name_taken';
  }
  try {
    const updated = await db
      .updateTable('customer_segments')
      .set({
        ...(change.name !== undefined ? { name: change.name } : {}),
        ...(change.definition !== undefined
          ? { definition: JSON.stringify(change.definition) }
          : {}),
      })
      .where('id', '=', id)
      .returning('id')
      .executeTakeFirst();
    return updated ? 'updated' : 'missing';
  } catch (error) {
    // Another segment took the name between the check above and this write.
    if (isUniqueViolation(error)) return 'name_taken';
    throw error;
  }
}

/**
 * Deletes a segment: 'missing' when there was none, 'in_use' when a row elsewhere (a
 * campaign) still refers to it. 'in_use' spoils the caller's transaction on PostgreSQL:
 * return the failure at once (inTransaction then rolls back).
 */
export async function deleteCustomerSegment(
  db: Db,
  id: string,
): Promise<'deleted' | 'missing' | 'in_use'> {
  try {
    const deleted = await db
      .deleteFrom('customer_segments')
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(deleted.numDeletedRows) > 0 ? 'deleted' : 'missing';
  } catch (error) {
    // foreign_key_violation: a campaign was made from this segment.
    if ((error as { code?: string } | null)?.code === '23503') return 'in_use';
    throw error;
  }
}
