import type { Db } from './database.ts';

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
