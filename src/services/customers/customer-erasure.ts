import {
  checkErasureReason,
  checkMoneyOwedChoices,
  erasedCustomerName,
  erasedPreferences,
  erasedSearchName,
  type ErasureChoices,
} from '../../domain/erasure.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { insertCustomerChanges } from '../../store/customer-changes.ts';
import { deleteSealedContacts, findSealedContacts } from '../../store/customer-contacts.ts';
import {
  deleteAllLookups,
  deleteExternalIds,
  deleteNameSearchWords,
  leaveAllGroups,
  markCustomerErased,
  reduceConsentRecords,
  replaceKeptAnswers,
  retireCards,
  scrubChangeValues,
  scrubRightsRequests,
  suppressMarketing,
  unlinkGiftCards,
} from '../../store/customer-erasure.ts';
import type { CustomerRow } from '../../store/customers.ts';
import type { Db } from '../../store/database.ts';
import {
  markRightsRequestDone,
  selectRightsRequestsOfCustomer,
} from '../../store/rights-requests.ts';
import { deleteInsightsOfCustomer } from '../../store/insights.ts';
import { scrubCampaignRecipients } from '../../store/campaign-recipients.ts';
import { inTransaction } from '../../store/transaction.ts';
import { recordAudit } from '../platform/audit.ts';
import { actorColumns, type Actor, type ServiceDeps } from '../platform/context.ts';
import {
  loadMoneyOwed,
  settleMoneyOwed,
  type ErasureSettlement,
} from './customer-erasure-money.ts';
import { contactLookups, openContacts } from './customer-records.ts';
import { findCustomerByIdOrNumber, type CustomerIdOrNumber } from './customer-reference.ts';

export type ErasureInput = ErasureChoices & { reason: string };

export type ErasureReport = ErasureSettlement & {
  customerId: string;
  number: string;
  erasedAt: Date;
  cardsRetired: number;
  giftCardsUnlinked: number;
  suppressed: { email: boolean; sms: boolean };
  requestsClosed: number;
};

/** One part of the customer's data that erasure deletes or scrubs, in the transaction. */
export type ErasureStep = (trx: Db, erasure: { customerId: string; at: Date }) => Promise<unknown>;

/**
 * The parts with nothing to report, in the order they run. Each table with a customer_id
 * is named here or in eraseCustomer's own steps, or is kept on purpose (sales, ledgers:
 * see test/architecture/customer-tables.test.ts, which holds every table to one of these).
 */
export const erasureSteps: ErasureStep[] = [
  (trx, { customerId }) => deleteSealedContacts(trx, customerId),
  (trx, { customerId }) => deleteAllLookups(trx, customerId),
  (trx, { customerId }) => deleteNameSearchWords(trx, customerId),
  (trx, { customerId }) => deleteExternalIds(trx, customerId),
  (trx, { customerId }) => scrubChangeValues(trx, customerId),
  (trx, { customerId }) => leaveAllGroups(trx, customerId),
  (trx, { customerId }) => scrubRightsRequests(trx, customerId),
  (trx, { customerId }) => deleteInsightsOfCustomer(trx, customerId),
  (trx, { customerId, at }) => scrubCampaignRecipients(trx, customerId, at),
];

/** What erasure does to each table holding a customer_id. */
export type ErasureTreatment =
  /** No row of the customer's is left. */
  | 'deleted'
  /** The rows stay, emptied of what identifies or describes the person. */
  | 'scrubbed'
  /** The rows stay and no longer name the customer. */
  | 'unlinked'
  /** The rows stay under the customer's id (accounting records), with why. */
  | { kept: string };

/**
 * What erasure does to every table with a customer_id. A new table with a customer_id
 * fails test/architecture/customer-tables.test.ts until it is named here and in the
 * export's list; the canary test (test/privacy/erasure-canary.test.ts) checks that the
 * tables said to be deleted or unlinked hold no row of the erased customer.
 */
export const erasureOfCustomerTables = {
  customer_contacts: 'deleted',
  customer_lookups: 'deleted',
  customer_name_terms: 'deleted',
  customer_external_ids: 'deleted',
  customer_cards: 'deleted',
  customer_group_members: 'deleted',
  gift_cards: 'unlinked',
  customer_changes: 'scrubbed',
  consent_records: 'scrubbed',
  rights_requests: 'scrubbed',
  customer_insights: 'deleted',
  // Rows stay under the pseudonymous id so a campaign's counts and its uplift (measured
  // against sales, which stay too) do not change; the SMTP answer and message id, which
  // may repeat the address, are wiped, and a message still owed is skipped.
  campaign_recipients: 'scrubbed',
  sales: { kept: 'accounting record; no personal data but the pseudonymous id' },
  sale_lines: { kept: 'accounting record; no personal data but the pseudonymous id' },
  store_credit_accounts: { kept: 'ledger: its balance must stay the sum of its entries' },
  loyalty_accounts: { kept: 'ledger: its balance must stay the sum of its events' },
  loyalty_events: { kept: 'ledger entries' },
  loyalty_lots: { kept: 'part of the points ledger' },
} as const satisfies Record<string, ErasureTreatment>;

function erasable(row: CustomerRow | undefined): Result<CustomerRow> {
  if (!row) return fail('customer_not_found', 'No customer with that id or number');
  if (row.status === 'erased') {
    return fail('customer_erased', `Customer ${row.number} was already erased`);
  }
  if (row.status === 'merged') {
    return fail(
      'customer_merged',
      `Customer ${row.number} was merged into another: erase the customer it was merged into`,
      { details: { mergedIntoId: row.mergedIntoId } },
    );
  }
  return ok(row);
}

/** What a late retry of a request that named this customer gets instead of its old answer. */
function erasedAnswer(number: string) {
  const body = {
    type: 'about:blank',
    title: 'Conflict',
    status: 409,
    code: 'customer_erased',
    detail: `Customer ${number} was erased`,
  };
  return { status: 409, body: JSON.stringify(body), type: 'application/problem+json' };
}

/**
 * Erases a customer (GDPR art. 17) by crypto-shredding, in one transaction: a failure at
 * any step leaves the customer exactly as before. Their key and contact row, search words,
 * blind-index rows, external ids and card links are deleted; name, notes and preferences
 * replaced; change history values and consent wording scrubbed; email and phone go on the
 * marketing suppression list as keyed hashes. Sales and every ledger entry stay under the
 * customer's id, so every total, report and balance is unchanged. Store credit or points
 * still held are refused unless the caller chose what happens to them. `steps` is for the
 * atomicity test only.
 */
export async function eraseCustomer({
  deps,
  actor,
  customer,
  input,
  steps = erasureSteps,
}: {
  deps: ServiceDeps;
  actor: Actor;
  customer: CustomerIdOrNumber;
  input: ErasureInput;
  steps?: ErasureStep[];
}): Promise<Result<ErasureReport>> {
  const reason = checkErasureReason(input.reason);
  if (!reason.ok) return reason;
  const at = deps.now();
  return inTransaction(deps.db, async (trx) => {
    const found = erasable(await findCustomerByIdOrNumber(trx, customer, { forUpdate: true }));
    if (!found.ok) return found;
    const customerId = found.value.id;
    const owed = await loadMoneyOwed(trx, customerId, at);
    const chosen = checkMoneyOwedChoices(owed.owed, input);
    if (!chosen.ok) return chosen;
    const settled = await settleMoneyOwed({ trx, actor, customerId, owed, choices: input, at });
    if (!settled.ok) return settled;

    const contacts = openContacts(deps.vault, await findSealedContacts(trx, customerId));
    const suppressions = contactLookups(deps.vault, contacts).flatMap((lookup) =>
      lookup.kind === 'email' || lookup.kind === 'phone'
        ? [
            {
              channel: lookup.kind === 'email' ? ('email' as const) : ('sms' as const),
              digest: lookup.digest,
            },
          ]
        : [],
    );
    await suppressMarketing(trx, suppressions, at);
    for (const step of steps) await step(trx, { customerId, at });
    const cardsRetired = await retireCards(trx, customerId, at);
    const giftCardsUnlinked = await unlinkGiftCards(trx, customerId);
    await markCustomerErased(trx, customerId, {
      name: erasedCustomerName,
      searchName: erasedSearchName,
      preferences: erasedPreferences,
      at,
    });
    // The consent guard lets records be reduced only once the customer is erased.
    await reduceConsentRecords(trx, customerId);
    await replaceKeptAnswers(trx, customerId, erasedAnswer(found.value.number));
    await insertCustomerChanges(trx, [
      { customerId, kind: 'erased', ...actorColumns(actor), at, fields: {} },
    ]);
    const requestsClosed = await closeErasureRequests(trx, { customerId, actor, at });
    const report: ErasureReport = {
      ...settled.value,
      customerId,
      number: found.value.number,
      erasedAt: at,
      cardsRetired,
      giftCardsUnlinked,
      suppressed: {
        email: suppressions.some((entry) => entry.channel === 'email'),
        sms: suppressions.some((entry) => entry.channel === 'sms'),
      },
      requestsClosed,
    };
    await recordAudit({
      db: trx,
      actor,
      entry: {
        action: 'customer.erased',
        subjectType: 'customer',
        subjectId: customerId,
        detail: {
          reason: reason.value,
          customerNumber: found.value.number,
          storeCredit: settled.value.storeCredit,
          pointsForfeited: settled.value.pointsForfeited,
          cardsRetired,
          giftCardsUnlinked,
          requestsClosed,
        },
      },
    });
    return ok(report);
  });
}

/** Open erasure requests of the customer are answered by this erasure. */
async function closeErasureRequests(
  trx: Db,
  { customerId, actor, at }: { customerId: string; actor: Actor; at: Date },
): Promise<number> {
  let closed = 0;
  for (const request of await selectRightsRequestsOfCustomer(trx, customerId)) {
    if (request.kind !== 'erasure' || request.doneAt !== null) continue;
    const done = await markRightsRequestDone(trx, {
      id: request.id,
      doneAt: at,
      doneByStaffId: actorColumns(actor).actorStaffId,
      outcome: 'Customer erased',
    });
    if (done) closed += 1;
  }
  return closed;
}
