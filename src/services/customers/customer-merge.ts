import type { ContactDetails } from '../../domain/contact-details.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { moveConsentRecords } from '../../store/consents.ts';
import { moveCustomerSales } from '../../store/sales.ts';
import {
  deleteSealedContacts,
  findSealedContacts,
  replaceLookups,
  upsertSealedContacts,
} from '../../store/customer-contacts.ts';
import { moveCards } from '../../store/customer-cards.ts';
import { insertCustomerChanges, moveCustomerChanges } from '../../store/customer-changes.ts';
import { deleteNameTerms, findCustomerById, updateCustomer } from '../../store/customers.ts';
import type { Db } from '../../store/database.ts';
import { carryProfilingObjection } from '../../store/profiling.ts';
import { inTransaction } from '../../store/transaction.ts';
import { deleteInsightsOfCustomer } from '../../store/insights.ts';
import { recordAudit } from '../platform/audit.ts';
import { mergeStoredValue } from '../stored-value/stored-value-merge.ts';
import { mergeLoyalty } from '../loyalty/loyalty-merge.ts';
import { actorColumns, type Actor, type ServiceDeps } from '../platform/context.ts';
import {
  contactLookupKinds,
  contactLookups,
  hasAnyContact,
  openContacts,
  sealContacts,
} from './customer-records.ts';
import { buildCustomerView, type CustomerView } from './customer-view.ts';

/**
 * Everything a customer owns moves to the survivor in one transaction: each area (cards,
 * history, consents, sales, stored value, points and groups) has its step in this list.
 */
export type MergeStep = (trx: Db, merge: { survivorId: string; mergedId: string }) => Promise<void>;

const mergeSteps: MergeStep[] = [
  (trx, { survivorId, mergedId }) => moveCards(trx, mergedId, survivorId),
  (trx, { survivorId, mergedId }) => moveCustomerChanges(trx, mergedId, survivorId),
  (trx, { survivorId, mergedId }) => moveConsentRecords(trx, mergedId, survivorId),
  (trx, { survivorId, mergedId }) => moveCustomerSales(trx, mergedId, survivorId),
  mergeStoredValue,
  mergeLoyalty,
  carryProfilingObjection,
  // The merged-away profile's scores go; the survivor's are recomputed from the combined
  // sales at the next recompute.
  (trx, { mergedId }) => deleteInsightsOfCustomer(trx, mergedId),
];

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}

/** The survivor keeps its own contact details; the merged customer's fill the gaps. */
function combineContacts(survivor: ContactDetails, merged: ContactDetails): ContactDetails {
  return {
    phone: survivor.phone ?? merged.phone,
    email: survivor.email ?? merged.email,
    address: survivor.address ?? merged.address,
    birthday: survivor.birthday ?? merged.birthday,
  };
}

export async function mergeCustomers({
  deps,
  actor,
  survivorId,
  mergedId,
}: {
  deps: ServiceDeps;
  actor: Actor;
  survivorId: string;
  mergedId: string;
}): Promise<Result<CustomerView>> {
  if (survivorId === mergedId)
    return fail('merge_same_customer', 'A customer cannot be merged into itself', {
      field: 'otherCustomerId',
    });
  const at = deps.now();
  const result = await inTransaction(deps.db, async (trx) => {
    // Lock both rows in id order so two opposite merges cannot deadlock.
    const [firstId, secondId] = [survivorId, mergedId].sort() as [string, string];
    const first = await findCustomerById(trx, firstId, { forUpdate: true });
    const second = await findCustomerById(trx, secondId, { forUpdate: true });
    const survivor = first?.id === survivorId ? first : second;
    const merged = first?.id === mergedId ? first : second;
    if (!survivor) return fail('customer_not_found', `No customer with id ${survivorId}`);
    if (!merged)
      return fail('customer_not_found', `No customer with id ${mergedId}`, {
        field: 'otherCustomerId',
      });
    for (const customer of [survivor, merged]) {
      if (customer.status !== 'active') {
        return fail(
          'customer_not_active',
          `Customer ${customer.number} is ${customer.status} and cannot be merged`,
        );
      }
    }
    const survivorSealed = await findSealedContacts(trx, survivorId);
    const combined = combineContacts(
      openContacts(deps.vault, survivorSealed),
      openContacts(deps.vault, await findSealedContacts(trx, mergedId)),
    );
    if (hasAnyContact(combined)) {
      await upsertSealedContacts(
        trx,
        survivorId,
        sealContacts({ vault: deps.vault, contacts: combined, existing: survivorSealed }),
        at,
      );
    }
    await replaceLookups(trx, survivorId, contactLookupKinds, contactLookups(deps.vault, combined));
    await replaceLookups(trx, mergedId, contactLookupKinds, []);
    await deleteSealedContacts(trx, mergedId);
    await deleteNameTerms(trx, mergedId);
    for (const step of mergeSteps) await step(trx, { survivorId, mergedId });
    await updateCustomer(trx, mergedId, { status: 'merged', mergedIntoId: survivorId }, at);
    const notes = [survivor.notes, merged.notes]
      .filter((note): note is string => !!note)
      .join('\n');
    const row = await updateCustomer(
      trx,
      survivorId,
      {
        notes: notes === '' ? null : notes,
        preferences: {
          sizes: union(survivor.preferences.sizes, merged.preferences.sizes),
          brands: union(survivor.preferences.brands, merged.preferences.brands),
          interests: union(survivor.preferences.interests, merged.preferences.interests),
        },
      },
      at,
    );
    await insertCustomerChanges(trx, [
      {
        customerId: survivorId,
        kind: 'merged',
        ...actorColumns(actor),
        at,
        fields: {
          mergedCustomerId: mergedId,
          mergedNumber: merged.number,
          mergedName: merged.name,
        },
      },
    ]);
    await recordAudit({
      db: trx,
      actor,
      entry: {
        action: 'customer.merged',
        subjectType: 'customer',
        subjectId: survivorId,
        detail: {
          mergedCustomerId: mergedId,
          mergedNumber: merged.number,
          survivorNumber: survivor.number,
        },
      },
    });
    return ok(row);
  });
  if (!result.ok) return result;
  return ok(await buildCustomerView({ db: deps.db, vault: deps.vault, row: result.value }));
}
