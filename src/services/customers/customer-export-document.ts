import type { ContactDetails } from '../../domain/contact-details.ts';
import type { CustomerChangeKind, CustomerStatus, Preferences } from '../../domain/customer.ts';
import type { GroupKind, GroupRule } from '../../domain/customer-groups.ts';
import type { GiftCardActivityKind } from '../../domain/gift-cards.ts';
import type { LoyaltyEventKind } from '../../domain/loyalty-events.ts';
import type { RightsRequestKind } from '../../domain/rights-requests.ts';
import type { SaleKind, SaleLineKind, TenderKind } from '../../domain/sales.ts';
import type { StoreCreditEntryKind } from '../../domain/store-credit.ts';
import type { Minor, Points } from '../../domain/units.ts';

/** Bumped when a reader of an older document would misread a newer one. */
export const exportSchemaVersion = 1 as const;

// The shape of one customer's export, as the service builds it; the route's schema
// (src/http/schemas/customers-export.ts) checks it against the published contract.

export type ExportedSale = {
  id: string;
  number: string;
  kind: SaleKind;
  completedAt: string;
  currency: string;
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  total: number;
  originalSaleId: string | null;
  reason: string | null;
  voidedAt: string | null;
  pointsEarned: Points;
  pointsRedeemed: Points;
  lines: {
    lineNo: number;
    kind: SaleLineKind;
    sku: string;
    name: string;
    category: string | null;
    brand: string | null;
    size: string | null;
    colour: string | null;
    quantity: number;
    unitPrice: number;
    discount: number;
    tax: number;
    total: number;
    returnedQuantity: number;
    pointsEarned: Points;
    pointsRedeemed: Points;
  }[];
  tenders: { kind: TenderKind; amount: number }[];
};

/** Everything held about one customer (GDPR arts. 15 and 20), contact details in clear. */
export type CustomerExportDocument = {
  schemaVersion: typeof exportSchemaVersion;
  exportedAt: string;
  controller: { name: string; country: string };
  customer: {
    id: string;
    number: string;
    name: string;
    status: CustomerStatus;
    createdAt: string;
    updatedAt: string;
    preferences: Preferences;
    notes: string | null;
    objectsToProfilingAt: string | null;
    externalIds: { source: string; externalId: string }[];
  };
  contacts: ContactDetails;
  cards: {
    number: string;
    status: 'active' | 'lost';
    linkedAt: string;
    endedAt: string | null;
    replacedBy: string | null;
  }[];
  consents: {
    channel: 'email' | 'sms';
    granted: boolean;
    wording: string;
    at: string;
    source: string;
    staffName: string | null;
    outletName: string | null;
  }[];
  purchases: ExportedSale[];
  returns: ExportedSale[];
  giftCards: {
    numberEnding: string;
    currency: string;
    state: string;
    balance: Minor;
    activatedAt: string | null;
    expiresAt: string | null;
    activities: {
      at: string;
      kind: GiftCardActivityKind;
      amount: Minor;
      balanceAfter: Minor;
      saleId: string | null;
      reason: string | null;
    }[];
  }[];
  storeCredit: {
    currency: string;
    balance: Minor;
    entries: {
      at: string;
      kind: StoreCreditEntryKind;
      amount: Minor;
      balanceAfter: Minor;
      expiresAt: string | null;
      saleId: string | null;
      reason: string | null;
    }[];
  }[];
  points: {
    balance: Points;
    events: {
      at: string;
      kind: LoyaltyEventKind;
      points: Points;
      balanceAfter: Points;
      saleId: string | null;
      reason: string | null;
    }[];
  };
  groups: { id: string; name: string; kind: GroupKind; active: boolean; addedAt: string }[];
  inferences: {
    scores: { name: string; value: unknown; computedAt: string }[];
    basis: { groupId: string; groupName: string; rule: GroupRule }[];
  };
  changes: { at: string; kind: CustomerChangeKind; fields: Record<string, unknown> }[];
  /** Their data-subject requests (this export's own included once recorded). */
  requests: {
    kind: RightsRequestKind;
    requestedAt: string;
    requestedBy: string;
    dueAt: string;
    doneAt: string | null;
    outcome: string | null;
    note: string | null;
  }[];
  /** Campaign emails they were picked for: sent, skipped (and why), or held back. */
  campaigns: {
    campaignId: string;
    campaignName: string;
    state: 'pending' | 'sent' | 'failed' | 'skipped' | 'control';
    reason: string | null;
    sentAt: string | null;
  }[];
  audit: {
    id: string;
    at: string;
    action: string;
    actor: string;
    subjectType: string | null;
    subjectId: string | null;
    detail: Record<string, unknown>;
  }[];
};
