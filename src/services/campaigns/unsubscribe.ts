import { fail, ok, type Result } from '../../domain/result.ts';
import { selectConsentRecords } from '../../store/consents.ts';
import { findSealedContacts } from '../../store/customer-contacts.ts';
import { isMarketingSuppressed, suppressMarketing } from '../../store/customer-erasure.ts';
import { findCustomerById, type CustomerRow } from '../../store/customers.ts';
import type { Db } from '../../store/database.ts';
import { inTransaction } from '../../store/transaction.ts';
import { writeConsentRecord } from '../customers/consents.ts';
import { openContacts } from '../customers/customer-records.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import { verifyUnsubscribeToken, type UnsubscribeClaim } from './unsubscribe-tokens.ts';

/**
 * One-click unsubscribe (RFC 8058): the link's POST withdraws email consent at once and
 * puts the address's keyed hash on the suppression list, which outlives the customer's
 * erasure. Nobody signs in; the signed token says who and which campaign.
 */
export type UnsubscribeOutcome = { status: 'unsubscribed' | 'already_unsubscribed' };

/** The consent record's source: campaign results count unsubscribes by this exact text. */
export function unsubscribeSource(campaignId: string): string {
  return `unsubscribed from email link: campaign ${campaignId}`;
}

/** What the customer did, as the record's wording: there was no text shown to agree to. */
const withdrawalWording =
  'Unsubscribed from marketing email with the unsubscribe link in an email from the shop.';

const unsubscribeActor: Actor = { kind: 'system', label: 'unsubscribe link', role: 'admin' };

/** Checks a link without changing anything (the GET a mail scanner may follow). */
export function checkUnsubscribeLink(
  deps: ServiceDeps,
  token: string,
  options: { maxAgeDays?: number } = {},
): Result<UnsubscribeClaim> {
  return verifyUnsubscribeToken(deps.vault, token, { now: deps.now(), ...options });
}

/** Customers merged away live on in their survivor, whose consent now speaks for them. */
async function survivorOf(trx: Db, customerId: string): Promise<CustomerRow | undefined> {
  let customer = await findCustomerById(trx, customerId, { forUpdate: true });
  for (let hops = 0; customer?.status === 'merged' && customer.mergedIntoId && hops < 10; hops++) {
    customer = await findCustomerById(trx, customer.mergedIntoId, { forUpdate: true });
  }
  return customer;
}

/**
 * Unsubscribes the token's customer from email: a withdrawal record (unless email
 * consent is already withdrawn) and the address on the suppression list (unless it is
 * there), in one transaction holding the customer's row, so two clicks at once still
 * write each exactly once. Nothing to write means "already unsubscribed".
 */
export async function unsubscribeByLink({
  deps,
  token,
  maxAgeDays,
}: {
  deps: ServiceDeps;
  token: string;
  maxAgeDays?: number;
}): Promise<Result<UnsubscribeOutcome>> {
  const claim = checkUnsubscribeLink(deps, token, maxAgeDays === undefined ? {} : { maxAgeDays });
  if (!claim.ok) return claim;
  const at = deps.now();
  return inTransaction(deps.db, async (trx) => {
    const customer = await survivorOf(trx, claim.value.customerId);
    if (!customer) {
      return fail('invalid_unsubscribe_token', 'This unsubscribe link names no customer', {
        field: 'token',
      });
    }
    // Erasure already put every address of theirs on the suppression list.
    if (customer.status !== 'active') return ok({ status: 'already_unsubscribed' as const });
    const latest = (await selectConsentRecords(trx, customer.id)).find(
      (r) => r.channel === 'email',
    );
    const withdraw = latest === undefined || latest.granted;
    const { email } = openContacts(deps.vault, await findSealedContacts(trx, customer.id));
    const digest = email === null ? null : deps.vault.blindIndex('email', email);
    const suppress = digest !== null && !(await isMarketingSuppressed(trx, 'email', digest));
    if (withdraw) {
      await writeConsentRecord(trx, {
        actor: unsubscribeActor,
        customerId: customer.id,
        decision: { channel: 'email', granted: false, wording: withdrawalWording },
        source: unsubscribeSource(claim.value.campaignId),
        at,
      });
    }
    if (suppress) await suppressMarketing(trx, [{ channel: 'email', digest }], at, 'unsubscribed');
    return ok({ status: withdraw || suppress ? 'unsubscribed' : 'already_unsubscribed' });
  });
}
