import { rightsRequestKinds } from '../../domain/rights-requests.ts';
import { Type, type Static } from 'typebox';
import { customerChangeKinds } from '../../domain/customer.ts';
import { giftCardActivityKinds } from '../../domain/gift-cards.ts';
import { loyaltyEventKinds } from '../../domain/loyalty-events.ts';
import { saleKinds, saleLineKinds, tenderKinds } from '../../domain/sales.ts';
import { storeCreditEntryKinds } from '../../domain/store-credit.ts';
import {
  Address,
  ConsentChannel,
  CustomerCardStatus,
  CustomerStatus,
  GroupKind,
  GroupRule,
} from './customers.ts';
import { Money, Nullable, Points, SignedMoney, SignedPoints, StringEnum } from './platform.ts';

/**
 * One customer's data export (GDPR arts. 15 and 20): everything the shop holds about
 * them, in one JSON document a person can read and another system can load. A field
 * added here is a new schema version only when an old reader would misread the document.
 */
export const customerExportSchemaVersion = 1;

/** Free text: why the export is made; it is written to the audit log. */
export const CustomerExportBody = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 200 }) },
  { additionalProperties: false },
);
export type CustomerExportBody = Static<typeof CustomerExportBody>;

const Timestamp = Type.String({ description: 'ISO 8601, UTC' });

const ExportSaleLine = Type.Object({
  lineNo: Type.Integer(),
  kind: StringEnum(saleLineKinds),
  sku: Type.String(),
  name: Type.String(),
  category: Nullable(Type.String()),
  brand: Nullable(Type.String()),
  size: Nullable(Type.String()),
  colour: Nullable(Type.String()),
  quantity: Type.Integer(),
  unitPrice: Type.Integer({ description: 'minor units' }),
  discount: Type.Integer({ description: 'minor units' }),
  tax: Type.Integer({ description: 'minor units' }),
  total: Type.Integer({ description: 'minor units' }),
  returnedQuantity: Type.Integer(),
  pointsEarned: SignedPoints,
  pointsRedeemed: SignedPoints,
});

const ExportTender = Type.Object({
  kind: StringEnum(tenderKinds),
  amount: Type.Integer({ description: 'minor units' }),
});

/** A purchase or a return, with its lines and how it was paid or refunded. */
export const ExportSale = Type.Object({
  id: Type.String(),
  number: Type.String(),
  kind: StringEnum(saleKinds),
  completedAt: Timestamp,
  currency: Type.String(),
  subtotal: Type.Integer({ description: 'minor units' }),
  discountTotal: Type.Integer({ description: 'minor units' }),
  taxTotal: Type.Integer({ description: 'minor units' }),
  total: Type.Integer({ description: 'minor units' }),
  originalSaleId: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  voidedAt: Nullable(Timestamp),
  pointsEarned: SignedPoints,
  pointsRedeemed: SignedPoints,
  lines: Type.Array(ExportSaleLine),
  tenders: Type.Array(ExportTender),
});
export type ExportSale = Static<typeof ExportSale>;

export const ExportGiftCard = Type.Object({
  /** A gift card spends like cash: the document names its last four digits only. */
  numberEnding: Type.String(),
  currency: Type.String(),
  state: Type.String(),
  balance: Money,
  activatedAt: Nullable(Timestamp),
  expiresAt: Nullable(Timestamp),
  activities: Type.Array(
    Type.Object({
      at: Timestamp,
      kind: StringEnum(giftCardActivityKinds),
      amount: SignedMoney,
      balanceAfter: Money,
      saleId: Nullable(Type.String()),
      reason: Nullable(Type.String()),
    }),
  ),
});
export type ExportGiftCard = Static<typeof ExportGiftCard>;

export const ExportStoreCredit = Type.Object({
  currency: Type.String(),
  balance: Money,
  entries: Type.Array(
    Type.Object({
      at: Timestamp,
      kind: StringEnum(storeCreditEntryKinds),
      amount: SignedMoney,
      balanceAfter: Money,
      expiresAt: Nullable(Timestamp),
      saleId: Nullable(Type.String()),
      reason: Nullable(Type.String()),
    }),
  ),
});
export type ExportStoreCredit = Static<typeof ExportStoreCredit>;

export const ExportAuditEntry = Type.Object({
  id: Type.String(),
  at: Timestamp,
  action: Type.String(),
  actor: Type.String(),
  subjectType: Nullable(Type.String()),
  subjectId: Nullable(Type.String()),
  detail: Type.Record(Type.String(), Type.Unknown()),
});

export const CustomerExport = Type.Object({
  schemaVersion: Type.Literal(customerExportSchemaVersion),
  exportedAt: Timestamp,
  /** Who decides what is done with the data: the shop. */
  controller: Type.Object({ name: Type.String(), country: Type.String() }),
  customer: Type.Object({
    id: Type.String(),
    number: Type.String(),
    name: Type.String(),
    status: CustomerStatus,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    preferences: Type.Object({
      sizes: Type.Array(Type.String()),
      brands: Type.Array(Type.String()),
      interests: Type.Array(Type.String()),
    }),
    notes: Nullable(Type.String()),
    /** When they objected to profiling (art. 21); null: no objection. */
    objectsToProfilingAt: Nullable(Timestamp),
    externalIds: Type.Array(Type.Object({ source: Type.String(), externalId: Type.String() })),
  }),
  /** In clear: this answer is never cached (config.contactDetails). */
  contacts: Type.Object({
    phone: Nullable(Type.String()),
    email: Nullable(Type.String()),
    address: Nullable(Address),
    birthday: Nullable(Type.String()),
  }),
  cards: Type.Array(
    Type.Object({
      number: Type.String(),
      status: CustomerCardStatus,
      linkedAt: Timestamp,
      endedAt: Nullable(Timestamp),
      replacedBy: Nullable(Type.String()),
    }),
  ),
  /** Every consent given or withdrawn, with the words the customer agreed to. */
  consents: Type.Array(
    Type.Object({
      channel: ConsentChannel,
      granted: Type.Boolean(),
      wording: Type.String(),
      at: Timestamp,
      source: Type.String(),
      staffName: Nullable(Type.String()),
      outletName: Nullable(Type.String()),
    }),
  ),
  purchases: Type.Array(ExportSale),
  returns: Type.Array(ExportSale),
  giftCards: Type.Array(ExportGiftCard),
  storeCredit: Type.Array(ExportStoreCredit),
  points: Type.Object({
    balance: Points,
    events: Type.Array(
      Type.Object({
        at: Timestamp,
        kind: StringEnum(loyaltyEventKinds),
        points: SignedPoints,
        balanceAfter: SignedPoints,
        saleId: Nullable(Type.String()),
        reason: Nullable(Type.String()),
      }),
    ),
  }),
  groups: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      kind: GroupKind,
      active: Type.Boolean(),
      addedAt: Timestamp,
    }),
  ),
  /**
   * What the shop worked out about the customer rather than was told: the insight scores
   * of the last recompute (each named with the method and model version that made it),
   * and, as a rule group's membership is derived from purchases, its rule as the basis.
   */
  inferences: Type.Object({
    scores: Type.Array(
      Type.Object({ name: Type.String(), value: Type.Unknown(), computedAt: Timestamp }),
    ),
    basis: Type.Array(
      Type.Object({ groupId: Type.String(), groupName: Type.String(), rule: GroupRule }),
    ),
  }),
  /** The customer record's change history. */
  changes: Type.Array(
    Type.Object({
      at: Timestamp,
      kind: StringEnum(customerChangeKinds),
      fields: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
  /** Their data-subject requests: what they asked for, when it was due and what was done. */
  requests: Type.Array(
    Type.Object({
      kind: StringEnum(rightsRequestKinds),
      requestedAt: Timestamp,
      requestedBy: Type.String(),
      dueAt: Timestamp,
      doneAt: Nullable(Timestamp),
      outcome: Nullable(Type.String()),
      note: Nullable(Type.String()),
    }),
  ),
  /** Campaign emails they were picked for: sent, skipped (and why), or held back. */
  campaigns: Type.Array(
    Type.Object({
      campaignId: Type.String(),
      campaignName: Type.String(),
      state: StringEnum(['pending', 'sent', 'failed', 'skipped', 'control'] as const),
      reason: Nullable(Type.String()),
      sentAt: Nullable(Timestamp),
    }),
  ),
  /** Every audit entry that names the customer, reveals of their contact details included. */
  audit: Type.Array(ExportAuditEntry),
});
export type CustomerExport = Static<typeof CustomerExport>;

/**
 * The route's answer: the document as JSON, or with `Accept: application/zip` the same
 * as CSV files in a zip (bytes, as FileAnswer in platform.ts describes other files).
 */
export const CustomerExportAnswer = {
  description: 'The export: the JSON document, or the zip of CSV files when Accept asks for it',
  content: {
    'application/json': { schema: CustomerExport },
    'application/zip': { schema: Type.Unsafe<string | Uint8Array>(Type.String()) },
  },
};
