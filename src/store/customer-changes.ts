import type { CustomerChangeKind } from '../domain/customer.ts';
import type { Db } from './database.ts';
import { newId } from './ids.ts';

export type CustomerChange = {
  customerId: string;
  kind: CustomerChangeKind;
  actorStaffId: string | null;
  actorApiKeyId: string | null;
  outletId: string | null;
  fields: Record<string, unknown>;
  at: Date;
};

export type CustomerChangeRow = CustomerChange & { id: string; actorName: string | null };

export async function insertCustomerChanges(db: Db, changes: CustomerChange[]): Promise<void> {
  if (changes.length === 0) return;
  await db
    .insertInto('customer_changes')
    .values(
      changes.map((change) => ({
        id: newId(change.at.getTime()),
        customer_id: change.customerId,
        kind: change.kind,
        actor_staff_id: change.actorStaffId,
        actor_api_key_id: change.actorApiKeyId,
        outlet_id: change.outletId,
        fields: JSON.stringify(change.fields),
        at: change.at,
      })),
    )
    .execute();
}

/** The customer's change history, newest first; the latest `limit` lines, or all of them. */
export async function selectCustomerChanges(
  db: Db,
  customerId: string,
  limit?: number,
): Promise<CustomerChangeRow[]> {
  let query = db
    .selectFrom('customer_changes as ch')
    .leftJoin('staff as s', 's.id', 'ch.actor_staff_id')
    .leftJoin('api_keys as k', 'k.id', 'ch.actor_api_key_id')
    .select([
      'ch.id',
      'ch.customer_id',
      'ch.kind',
      'ch.actor_staff_id',
      'ch.actor_api_key_id',
      'ch.outlet_id',
      'ch.fields',
      'ch.at',
      's.display_name as staff_name',
      'k.name as api_key_name',
    ])
    .where('ch.customer_id', '=', customerId)
    .orderBy('ch.at', 'desc')
    .orderBy('ch.id', 'desc');
  if (limit !== undefined) query = query.limit(limit);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    customerId: row.customer_id,
    kind: row.kind as CustomerChangeKind,
    actorStaffId: row.actor_staff_id,
    actorApiKeyId: row.actor_api_key_id,
    outletId: row.outlet_id,
    fields: row.fields,
    at: row.at,
    actorName: row.staff_name ?? row.api_key_name,
  }));
}

export async function moveCustomerChanges(
  db: Db,
  fromCustomerId: string,
  toCustomerId: string,
): Promise<void> {
  await db
    .updateTable('customer_changes')
    .set({ customer_id: toCustomerId })
    .where('customer_id', '=', fromCustomerId)
    .execute();
}
