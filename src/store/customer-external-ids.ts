import type { Db } from './database.ts';

export async function selectCustomersByExternalIds(
  db: Db,
  source: string,
  externalIds: string[],
): Promise<Map<string, string>> {
  if (externalIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('customer_external_ids')
    .select(['external_id', 'customer_id'])
    .where('source', '=', source)
    .where('external_id', 'in', externalIds)
    .execute();
  return new Map(rows.map((row) => [row.external_id, row.customer_id]));
}

export async function insertCustomerExternalIds(
  db: Db,
  rows: { source: string; externalId: string; customerId: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('customer_external_ids')
    .values(
      rows.map((row) => ({
        source: row.source,
        external_id: row.externalId,
        customer_id: row.customerId,
      })),
    )
    .execute();
}
