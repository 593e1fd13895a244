import { validateConsent, type ConsentDecision, type ConsentInput } from '../../domain/consent.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import {
  insertConsentRecords,
  selectConsentRecords,
  type ConsentRecordRow,
} from '../../store/consents.ts';
import { insertCustomerChanges } from '../../store/customer-changes.ts';
import { findCustomerById } from '../../store/customers.ts';
import type { Db } from '../../store/database.ts';
import { inTransaction } from '../../store/transaction.ts';
import { actorColumns, type Actor, type ServiceDeps } from '../platform/context.ts';

export type ConsentRecordView = ConsentRecordRow;
import type { CurrentConsent } from './customer-view.ts';

/** Giving and withdrawing consent are the same act: a new record; nothing is overwritten. */
export async function recordConsent({
  deps,
  actor,
  customerId,
  input,
  source = 'till',
}: {
  deps: ServiceDeps;
  actor: Actor;
  customerId: string;
  input: ConsentInput;
  source?: string;
}): Promise<Result<ConsentRecordRow>> {
  const decision = validateConsent(input, 'body');
  if (!decision.ok) {
    return {
      ...decision,
      ...(decision.field ? { field: decision.field.replace(/^body\./, '') } : {}),
    };
  }
  const at = deps.now();
  const recorded = await inTransaction(deps.db, async (trx) => {
    const customer = await findCustomerById(trx, customerId, { forUpdate: true });
    if (!customer) return fail('customer_not_found', `No customer with id ${customerId}`);
    if (customer.status !== 'active') {
      return fail('customer_not_active', `Customer ${customer.number} is ${customer.status}`);
    }
    const id = await writeConsentRecord(trx, {
      actor,
      customerId,
      decision: decision.value,
      source,
      at,
    });
    return ok(id);
  });
  if (!recorded.ok) return recorded;
  const records = await selectConsentRecords(deps.db, customerId);
  const record = records.find((row) => row.id === recorded.value);
  if (!record) throw new Error('consent record vanished');
  return ok(record);
}

/**
 * Writes one checked consent record and its line in the customer's history, inside the
 * caller's transaction (which holds the customer's row): for use cases that record
 * consent alongside other writes, such as an unsubscribe link.
 */
export async function writeConsentRecord(
  trx: Db,
  {
    actor,
    customerId,
    decision,
    source,
    at,
  }: { actor: Actor; customerId: string; decision: ConsentDecision; source: string; at: Date },
): Promise<string> {
  const columns = actorColumns(actor);
  const [id] = await insertConsentRecords(trx, [
    {
      customerId,
      ...decision,
      staffId: columns.actorStaffId,
      apiKeyId: columns.actorApiKeyId,
      outletId: columns.outletId,
      source,
      at,
    },
  ]);
  await insertCustomerChanges(trx, [
    {
      customerId,
      kind: decision.granted ? 'consent_given' : 'consent_withdrawn',
      ...columns,
      at,
      fields: { channel: decision.channel },
    },
  ]);
  if (id === undefined) throw new Error('consent record not written');
  return id;
}

export async function consentHistory(
  deps: ServiceDeps,
  customerId: string,
): Promise<Result<{ current: CurrentConsent[]; records: ConsentRecordRow[] }>> {
  const customer = await findCustomerById(deps.db, customerId);
  if (!customer) return fail('customer_not_found', `No customer with id ${customerId}`);
  const records = await selectConsentRecords(deps.db, customerId);
  const current: CurrentConsent[] = [];
  for (const channel of ['email', 'sms'] as const) {
    const record = records.find((row) => row.channel === channel);
    if (record) current.push({ channel, granted: record.granted, at: record.at.toISOString() });
  }
  return ok({ current, records });
}
