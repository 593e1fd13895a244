import { fail, invalid, ok, type Result } from '../../domain/result.ts';
import { insertCustomerChanges } from '../../store/customer-changes.ts';
import { findCustomerById } from '../../store/customers.ts';
import { leaveRuleGroups, updateProfilingObjection } from '../../store/profiling.ts';
import { inTransaction } from '../../store/transaction.ts';
import { deleteInsightsOfCustomer } from '../../store/insights.ts';
import { recordAudit } from '../platform/audit.ts';
import { actorColumns, type Actor, type ServiceDeps } from '../platform/context.ts';
import { buildCustomerView, type CustomerView } from './customer-view.ts';

/**
 * Records or clears a customer's objection to profiling (GDPR art. 21). While it stands,
 * the customer is in no rule-based group (they leave them at once) and every later score,
 * segment or campaign leaves them out through src/store/profiling.ts. Manual groups are
 * the shop's own choice and stay. Asking twice changes nothing: the first date is kept,
 * and only a real change is written to the history and the audit log.
 */
export async function setProfilingObjection({
  deps,
  actor,
  customerId,
  objects,
  reason,
}: {
  deps: ServiceDeps;
  actor: Actor;
  customerId: string;
  objects: boolean;
  reason?: string | undefined;
}): Promise<Result<CustomerView>> {
  const why = reason?.trim() || null;
  if (why && why.length > 500) return invalid('reason', 'reason must be at most 500 characters');
  const at = deps.now();
  const changed = await inTransaction(deps.db, async (trx) => {
    const customer = await findCustomerById(trx, customerId, { forUpdate: true });
    if (!customer) return fail('customer_not_found', `No customer with id ${customerId}`);
    if (customer.status !== 'active') {
      return fail('customer_not_active', `Customer ${customer.number} is ${customer.status}`);
    }
    if ((customer.objectsToProfilingAt !== null) === objects) return ok(false);
    await updateProfilingObjection(trx, customerId, objects ? at : null);
    const leftGroups = objects ? await leaveRuleGroups(trx, customerId) : 0;
    // Their insight scores go at once rather than at the next recompute.
    if (objects) await deleteInsightsOfCustomer(trx, customerId);
    await insertCustomerChanges(trx, [
      {
        customerId,
        kind: 'profiling_objection',
        ...actorColumns(actor),
        at,
        fields: { objects, ...(why ? { reason: why } : {}) },
      },
    ]);
    await recordAudit({
      db: trx,
      actor,
      entry: {
        action: objects ? 'customer.profiling_objected' : 'customer.profiling_objection_cleared',
        subjectType: 'customer',
        subjectId: customerId,
        detail: { ...(why ? { reason: why } : {}), ...(objects ? { leftGroups } : {}) },
      },
    });
    return ok(true);
  });
  if (!changed.ok) return changed;
  const row = await findCustomerById(deps.db, customerId);
  if (!row) throw new Error('customer vanished after its profiling objection changed');
  return ok(await buildCustomerView({ db: deps.db, vault: deps.vault, row }));
}
