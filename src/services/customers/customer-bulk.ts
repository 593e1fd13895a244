import type { ConsentDecision } from '../../domain/consent.ts';
import type { CustomerChanges } from '../../domain/customer.ts';
import { generateCustomerNumber } from '../../domain/customer-number.ts';
import { insertConsentRecords } from '../../store/consents.ts';
import { insertCard } from '../../store/customer-cards.ts';
import { insertCustomerChanges } from '../../store/customer-changes.ts';
import { insertCustomerRecords, type NewCustomerRecord } from '../../store/customers.ts';
import type { Db } from '../../store/database.ts';
import { actorColumns, type Actor, type ServiceDeps } from '../platform/context.ts';
import { prepareNewCustomer } from './customer-records.ts';

export type BulkCustomer = {
  changes: CustomerChanges & { name: string };
  consents: ConsentDecision[];
  cardNumber?: string;
};

/**
 * Creates many already-validated customers in multi-row statements: the demo shop, CSV
 * imports and benchmarks all come through here, so they write exactly what the till's
 * create writes. Runs inside the caller's transaction.
 */
export async function insertValidatedCustomers({
  trx,
  deps,
  actor,
  items,
  source,
}: {
  trx: Db;
  deps: ServiceDeps;
  actor: Actor;
  items: BulkCustomer[];
  source: string;
}): Promise<NewCustomerRecord[]> {
  const at = deps.now();
  const columns = actorColumns(actor);
  const records = items.map((item) =>
    prepareNewCustomer(deps.vault, {
      changes: item.changes,
      number: generateCustomerNumber(deps.randomInt),
      createdByStaffId: columns.actorStaffId,
      createdOutletId: columns.outletId,
      at,
    }),
  );
  let pending = records;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 20) throw new Error('Could not draw free customer numbers');
    // Filtered by id: two records of one batch may draw the same number, and only the
    // one that lost the draw must be written again.
    const notInserted = await insertCustomerRecords(trx, pending);
    pending = pending.filter((record) => notInserted.has(record.id));
    for (const record of pending) record.number = generateCustomerNumber(deps.randomInt);
  }
  await insertCustomerChanges(
    trx,
    records.map((record) => ({
      customerId: record.id,
      kind: 'created',
      ...columns,
      at,
      fields: { source },
    })),
  );
  await insertConsentRecords(
    trx,
    items.flatMap((item, index) =>
      item.consents.map((consent) => ({
        customerId: records[index]!.id,
        ...consent,
        staffId: columns.actorStaffId,
        apiKeyId: columns.actorApiKeyId,
        outletId: columns.outletId,
        source,
        at,
      })),
    ),
  );
  for (const [index, item] of items.entries()) {
    if (!item.cardNumber) continue;
    await insertCard(trx, {
      number: item.cardNumber,
      customerId: records[index]!.id,
      linkedByStaffId: columns.actorStaffId,
      at,
    });
  }
  return records;
}
