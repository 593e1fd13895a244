import type { ContactDetails } from '../../domain/contact-details.ts';
import { fail, invalid, ok, type Result } from '../../domain/result.ts';
import { findSealedContacts } from '../../store/customer-contacts.ts';
import { findCustomerById } from '../../store/customers.ts';
import { inTransaction } from '../../store/transaction.ts';
import { recordAudit } from '../platform/audit.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import { openContacts } from './customer-records.ts';

/**
 * The only way contact details leave the service layer. The caller's permission is
 * checked by the route; here the reason is required and the reveal is written to the
 * audit log in the same transaction as the read, so there is no reveal without a trace.
 */
export async function revealContacts({
  deps,
  actor,
  customerId,
  reason,
}: {
  deps: ServiceDeps;
  actor: Actor;
  customerId: string;
  reason: string;
}): Promise<Result<ContactDetails>> {
  const why = reason.trim();
  if (why.length < 3)
    return invalid('reason', 'reason must say why the contact details are needed');
  if (why.length > 500) return invalid('reason', 'reason must be at most 500 characters');
  return inTransaction(deps.db, async (trx) => {
    const customer = await findCustomerById(trx, customerId);
    if (!customer) return fail('customer_not_found', `No customer with id ${customerId}`);
    const contacts = openContacts(deps.vault, await findSealedContacts(trx, customerId));
    await recordAudit({
      db: trx,
      actor,
      entry: {
        action: 'customer.contacts_revealed',
        subjectType: 'customer',
        subjectId: customerId,
        detail: {
          reason: why,
          customerNumber: customer.number,
          fields: Object.entries(contacts)
            .filter(([, value]) => value !== null)
            .map(([field]) => field),
        },
      },
    });
    return ok(contacts);
  });
}
