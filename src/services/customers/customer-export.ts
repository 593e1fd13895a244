import { checkActionReason } from '../../domain/rights-requests.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { selectCampaignRecipientsOfCustomer } from '../../store/campaign-recipients.ts';
import { selectConsentRecords } from '../../store/consents.ts';
import { selectCardsOfCustomers } from '../../store/customer-cards.ts';
import { findSealedContacts } from '../../store/customer-contacts.ts';
import {
  selectAllLoyaltyEvents,
  selectAllSalesOfCustomer,
  selectAuditEntriesNaming,
  selectExternalIdsOfCustomer,
  selectGroupMemberships,
} from '../../store/customer-export.ts';
import type { CustomerRow } from '../../store/customers.ts';
import type { Db } from '../../store/database.ts';
import {
  searchGiftCards,
  selectGiftCardActivities,
  type GiftCardActivityRecord,
} from '../../store/gift-cards.ts';
import { selectCustomerChanges } from '../../store/customer-changes.ts';
import { findLoyaltyBalance } from '../../store/loyalty.ts';
import { selectStoredInsights } from '../../store/insights.ts';
import { selectRightsRequestsOfCustomer } from '../../store/rights-requests.ts';
import type { StoredSale } from '../../store/sales.ts';
import { selectStoreCreditAccounts, selectStoreCreditEntries } from '../../store/store-credit.ts';
import { inTransaction } from '../../store/transaction.ts';
import { recordAudit } from '../platform/audit.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import { getShopSettings } from '../shop/settings.ts';
import {
  exportSchemaVersion,
  type CustomerExportDocument,
  type ExportedSale,
} from './customer-export-document.ts';
import { insightScores } from './customer-export-inferences.ts';
import { openContacts } from './customer-records.ts';
import { findCustomerByIdOrNumber, type CustomerIdOrNumber } from './customer-reference.ts';

/**
 * Where each table holding a customer_id appears in the export. A new table with a
 * customer_id fails test/architecture/customer-tables.test.ts until it is named here
 * (and in the erasure's list in customer-erasure.ts).
 */
export const exportedCustomerTables = {
  customer_contacts: 'contacts (decrypted)',
  customer_lookups: 'contacts (the blind indexes are keyed hashes of them)',
  customer_name_terms: 'customer.name (the search words are taken from it)',
  customer_external_ids: 'customer.externalIds',
  customer_cards: 'cards',
  customer_changes: 'changes',
  consent_records: 'consents',
  sales: 'purchases and returns',
  sale_lines: 'purchases[].lines and returns[].lines',
  gift_cards: 'giftCards',
  store_credit_accounts: 'storeCredit',
  loyalty_accounts: 'points.balance',
  loyalty_events: 'points.events',
  loyalty_lots: 'points.events (lots are the earning events still to be spent)',
  customer_group_members: 'groups',
  rights_requests: 'requests',
  customer_insights: 'inferences.scores (computed, marked as inferences)',
  campaign_recipients: 'campaigns',
} as const satisfies Record<string, string>;

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

function exportableCustomer(row: CustomerRow | undefined): Result<CustomerRow> {
  if (!row) return fail('customer_not_found', 'No customer with that id or number');
  if (row.status === 'erased') {
    return fail('customer_erased', `Customer ${row.number} was erased: nothing is left to export`);
  }
  if (row.status === 'merged') {
    return fail(
      'customer_merged',
      `Customer ${row.number} was merged into another: export the customer it was merged into`,
      { details: { mergedIntoId: row.mergedIntoId } },
    );
  }
  return ok(row);
}

/**
 * One customer's data export. The caller's permission is checked by the route (it holds
 * contact details in clear: supervisors and admins). The reads and the audit entry are
 * one transaction, so there is no export without its trace; the entry names the customer
 * and the reason, never a contact detail.
 */
export async function exportCustomer({
  deps,
  actor,
  customer,
  reason,
  format = 'json',
}: {
  deps: ServiceDeps;
  actor: Actor;
  customer: CustomerIdOrNumber;
  reason: string;
  /** The form it leaves in (the caller converts a zip from the document); audited. */
  format?: 'json' | 'zip';
}): Promise<Result<CustomerExportDocument>> {
  const why = checkActionReason(reason, 'the data is exported');
  if (!why.ok) return why;
  return inTransaction(deps.db, async (trx) => {
    const found = exportableCustomer(await findCustomerByIdOrNumber(trx, customer));
    if (!found.ok) return found;
    const document = await gatherExport({ db: trx, deps, row: found.value });
    await recordAudit({
      db: trx,
      actor,
      entry: {
        action: 'customer.exported',
        subjectType: 'customer',
        subjectId: found.value.id,
        detail: {
          reason: why.value,
          format,
          customerNumber: found.value.number,
          schemaVersion: exportSchemaVersion,
          purchases: document.purchases.length,
          returns: document.returns.length,
          auditEntries: document.audit.length,
        },
      },
    });
    return ok(document);
  });
}

async function gatherExport({
  db,
  deps,
  row,
}: {
  db: Db;
  deps: ServiceDeps;
  row: CustomerRow;
}): Promise<CustomerExportDocument> {
  // Reads one after another: inside a transaction they share one connection.
  const settings = await getShopSettings(db);
  const contacts = openContacts(deps.vault, await findSealedContacts(db, row.id));
  const externalIds = await selectExternalIdsOfCustomer(db, row.id);
  const cards = await selectCardsOfCustomers(db, [row.id]);
  const consents = await selectConsentRecords(db, row.id);
  const sales = await selectAllSalesOfCustomer(db, row.id);
  const giftCards = await searchGiftCards(db, { customerId: row.id, limit: 10_000 });
  const giftCardActivities: GiftCardActivityRecord[][] = [];
  for (const card of giftCards)
    giftCardActivities.push(await selectGiftCardActivities(db, card.id));
  const creditAccounts = await selectStoreCreditAccounts(db, row.id);
  const creditEntries = await selectStoreCreditEntries(
    db,
    creditAccounts.map((account) => account.id),
  );
  const pointsBalance = await findLoyaltyBalance(db, row.id);
  const pointsEvents = await selectAllLoyaltyEvents(db, row.id);
  const groups = await selectGroupMemberships(db, row.id);
  const changes = (await selectCustomerChanges(db, row.id)).reverse();
  const requests = await selectRightsRequestsOfCustomer(db, row.id);
  const campaigns = await selectCampaignRecipientsOfCustomer(db, row.id);
  const insights = await selectStoredInsights(db, { customerIds: [row.id], profiledOnly: false });
  const audit = await selectAuditEntriesNaming(db, row.id, {
    saleIds: sales.map((sale) => sale.id),
    giftCardIds: giftCards.map((card) => card.id),
  });

  return {
    schemaVersion: exportSchemaVersion,
    exportedAt: iso(deps.now()),
    controller: { name: settings.shopName, country: settings.defaultCountry },
    customer: {
      id: row.id,
      number: row.number,
      name: row.name,
      status: row.status,
      createdAt: iso(row.createdAt),
      updatedAt: iso(row.updatedAt),
      preferences: row.preferences,
      notes: row.notes,
      objectsToProfilingAt: isoOrNull(row.objectsToProfilingAt),
      externalIds,
    },
    contacts,
    cards: cards.map((card) => ({
      number: card.number,
      status: card.status,
      linkedAt: iso(card.linkedAt),
      endedAt: isoOrNull(card.endedAt),
      replacedBy: card.replacedBy,
    })),
    consents: consents.reverse().map((record) => ({
      channel: record.channel,
      granted: record.granted,
      wording: record.wording,
      at: iso(record.at),
      source: record.source,
      staffName: record.staffName,
      outletName: record.outletName,
    })),
    purchases: sales.filter((sale) => sale.kind === 'sale').map(toExportedSale),
    returns: sales.filter((sale) => sale.kind === 'return').map(toExportedSale),
    giftCards: giftCards.map((card, index) => ({
      numberEnding: card.number.slice(-4),
      currency: card.currency,
      state: card.state,
      balance: card.balance,
      activatedAt: isoOrNull(card.activatedAt),
      expiresAt: isoOrNull(card.expiresAt),
      activities: (giftCardActivities[index] ?? []).map((activity) => ({
        at: iso(activity.createdAt),
        kind: activity.kind,
        amount: activity.amount,
        balanceAfter: activity.balanceAfter,
        saleId: activity.saleId,
        reason: activity.reason,
      })),
    })),
    storeCredit: creditAccounts.map((account) => ({
      currency: account.currency,
      balance: account.balance,
      entries: creditEntries
        .filter((entry) => entry.accountId === account.id)
        .map((entry) => ({
          at: iso(entry.createdAt),
          kind: entry.kind,
          amount: entry.amount,
          balanceAfter: entry.balanceAfter,
          expiresAt: isoOrNull(entry.expiresAt),
          saleId: entry.saleId,
          reason: entry.reason,
        })),
    })),
    points: {
      balance: pointsBalance,
      events: pointsEvents.map((event) => ({
        at: iso(event.createdAt),
        kind: event.kind,
        points: event.points,
        balanceAfter: event.balanceAfter,
        saleId: event.saleId,
        reason: event.reason,
      })),
    },
    groups: groups.map((group) => ({
      id: group.groupId,
      name: group.name,
      kind: group.kind,
      active: group.active,
      addedAt: iso(group.addedAt),
    })),
    inferences: {
      scores: insightScores(insights),
      basis: groups.flatMap((group) =>
        group.kind === 'rule' && group.rule
          ? [{ groupId: group.groupId, groupName: group.name, rule: group.rule }]
          : [],
      ),
    },
    changes: changes.map((change) => ({
      at: iso(change.at),
      kind: change.kind,
      fields: change.fields,
    })),
    requests: requests.map((request) => ({
      kind: request.kind,
      requestedAt: iso(request.requestedAt),
      requestedBy: request.requestedBy,
      dueAt: iso(request.dueAt),
      doneAt: isoOrNull(request.doneAt),
      outcome: request.outcome,
      note: request.note,
    })),
    campaigns: campaigns.map((message) => ({
      campaignId: message.campaignId,
      campaignName: message.campaignName,
      state: message.state,
      reason: message.reason,
      sentAt: isoOrNull(message.sentAt),
    })),
    audit: audit.map((entry) => ({
      id: entry.id,
      at: iso(entry.at),
      action: entry.action,
      actor: entry.actorLabel,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      detail: entry.detail,
    })),
  };
}

function toExportedSale(sale: StoredSale): ExportedSale {
  return {
    id: sale.id,
    number: sale.number,
    kind: sale.kind,
    completedAt: iso(sale.completedAt),
    currency: sale.currency,
    subtotal: sale.subtotal,
    discountTotal: sale.discountTotal,
    taxTotal: sale.taxTotal,
    total: sale.total,
    originalSaleId: sale.originalSaleId,
    reason: sale.reason,
    voidedAt: isoOrNull(sale.voidedAt),
    pointsEarned: sale.pointsEarned,
    pointsRedeemed: sale.pointsRedeemed,
    lines: sale.lines.map((line) => ({
      lineNo: line.lineNo,
      kind: line.kind,
      sku: line.sku,
      name: line.name,
      category: line.category,
      brand: line.brand,
      size: line.size,
      colour: line.colour,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      discount: line.discount,
      tax: line.tax,
      total: line.total,
      returnedQuantity: line.returnedQuantity,
      pointsEarned: line.pointsEarned,
      pointsRedeemed: line.pointsRedeemed,
    })),
    tenders: sale.tenders.map((tender) => ({ kind: tender.kind, amount: tender.amount })),
  };
}
