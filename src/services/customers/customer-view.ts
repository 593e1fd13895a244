import { maskContacts, maskEmail, maskPhone, type ContactMask } from '../../domain/contact-mask.ts';
import type { Preferences } from '../../domain/customer.ts';
import type { TillInsight } from '../../domain/insights/till-hint.ts';
import { selectCurrentConsents, type ConsentChannel } from '../../store/consents.ts';
import { selectSealedContacts } from '../../store/customer-contacts.ts';
import { selectCardsOfCustomers, type CardRow } from '../../store/customer-cards.ts';
import type { CustomerRow, CustomerSummaryRow } from '../../store/customers.ts';
import type { Db } from '../../store/database.ts';
import type { CustomerWithHintRow } from '../../store/insight-hints.ts';
import type { ContactVault } from '../platform/contact-vault.ts';
import { consentRefreshOf, loadConsentPolicy, type ConsentRefresh } from './consent-refresh.ts';
import { loadTillInsights } from './customer-insight-hints.ts';
import { openContacts } from './customer-records.ts';

/**
 * How a customer leaves the service layer, for every role: contact details are never
 * part of it, only a mask. The real values come only from `revealContacts`, which is
 * permission-checked and audited.
 */
export type CardView = {
  number: string;
  status: 'active' | 'lost';
  linkedAt: string;
  replacedBy: string | null;
};
/** The consent in force for one channel (a list, so "email" is never a key of a customer). */
export type CurrentConsent = { channel: ConsentChannel; granted: boolean; at: string };

export type CustomerSummary = {
  id: string;
  number: string;
  name: string;
  status: CustomerRow['status'];
  contactMask: ContactMask;
  cards: CardView[];
};

export type CustomerView = CustomerSummary & {
  preferences: Preferences;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  consents: CurrentConsent[];
  mergedIntoId: string | null;
  /** When they objected to profiling (art. 21): kept out of rule groups and later audiences. */
  objectsToProfilingAt: string | null;
  /** When their personal data was erased (art. 17): the profile says so instead of a name. */
  erasedAt: string | null;
  /**
   * Hints for the cashier from the last insights recompute (no contact detail); null for
   * a customer who objected to profiling, was erased or merged.
   */
  insight: TillInsight | null;
  /**
   * Consent given that is stale (too old, or under a replaced wording): the till asks
   * the customer again. Empty for customers who are not active.
   */
  consentRefresh: ConsentRefresh[];
};

function toCardView(card: CardRow): CardView {
  return {
    number: card.number,
    status: card.status,
    linkedAt: card.linkedAt.toISOString(),
    replacedBy: card.replacedBy,
  };
}

/**
 * Builds views for many customers with one query per related table. Rows read with their
 * insight hint (a look-up, a list page) need no query for it; others get one.
 */
export async function buildCustomerViews({
  db,
  vault,
  rows,
  now,
}: {
  db: Db;
  vault: ContactVault;
  rows: (CustomerRow | CustomerWithHintRow)[];
  now?: Date;
}): Promise<CustomerView[]> {
  const ids = rows.map((row) => row.id);
  const at = now ?? new Date();
  // Independent reads: on PostgreSQL they go out on separate pool connections at once.
  // The consent policy (settings and current wordings) is cached: no query most times.
  const [sealed, cards, consents, insightOf, consentPolicy] = await Promise.all([
    selectSealedContacts(db, ids),
    selectCardsOfCustomers(db, ids),
    selectCurrentConsents(db, ids),
    loadTillInsights({ db, rows, now: at }),
    loadConsentPolicy(db),
  ]);
  const contacts = new Map(ids.map((id) => [id, openContacts(vault, sealed.get(id))]));
  return rows.map((row) => {
    const latest = consents.filter((consent) => consent.customerId === row.id);
    const current = latest.map((consent) => ({
      channel: consent.channel,
      granted: consent.granted,
      at: consent.at.toISOString(),
    }));
    return {
      id: row.id,
      number: row.number,
      name: row.name,
      status: row.status,
      contactMask: maskContacts(contacts.get(row.id)!),
      cards: cards.filter((card) => card.customerId === row.id).map(toCardView),
      preferences: row.preferences,
      notes: row.notes,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      version: row.version,
      consents: current,
      mergedIntoId: row.mergedIntoId,
      objectsToProfilingAt: row.objectsToProfilingAt?.toISOString() ?? null,
      erasedAt: row.erasedAt?.toISOString() ?? null,
      insight: insightOf(row.id, contacts.get(row.id)?.birthday ?? null),
      consentRefresh: row.status === 'active' ? consentRefreshOf(latest, consentPolicy, at) : [],
    };
  });
}

export async function buildCustomerView({
  db,
  vault,
  row,
  now,
}: {
  db: Db;
  vault: ContactVault;
  row: CustomerRow | CustomerWithHintRow;
  now?: Date;
}): Promise<CustomerView> {
  const [view] = await buildCustomerViews({ db, vault, rows: [row], ...(now ? { now } : {}) });
  if (!view) throw new Error('buildCustomerViews lost a row');
  return view;
}

/** Search results: the summary from one combined read, decrypting only phone and email. */
export function summaryFromRow(vault: ContactVault, row: CustomerSummaryRow): CustomerSummary {
  const key = row.wrappedKey ? vault.unwrapDataKey(row.wrappedKey) : null;
  const open = (field: string, sealed: Buffer | null) =>
    key && sealed ? vault.open(key, field, sealed) : null;
  const phone = open('phone', row.phone);
  const email = open('email', row.email);
  return {
    id: row.id,
    number: row.number,
    name: row.name,
    status: row.status,
    contactMask: {
      maskedPhone: phone ? maskPhone(phone) : null,
      maskedEmail: email ? maskEmail(email) : null,
      hasAddress: row.hasAddress,
      hasBirthday: row.hasBirthday,
    },
    cards: row.cards,
  };
}

export function toSummary(view: CustomerView): CustomerSummary {
  return {
    id: view.id,
    number: view.number,
    name: view.name,
    status: view.status,
    contactMask: view.contactMask,
    cards: view.cards,
  };
}
