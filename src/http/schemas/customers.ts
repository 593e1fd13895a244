import { customerChangeKinds, duplicateMatchFields } from '../../domain/customer.ts';
import { searchMatchKinds } from '../../domain/search-query.ts';
import { Type, type Static } from 'typebox';
import { consentChannels } from '../../domain/consent.ts';
import { customerCardStatuses, customerStatuses } from '../../domain/customer.ts';
import { groupKinds } from '../../domain/customer-groups.ts';
import {
  BasisPoints,
  Days,
  Id,
  Identifier,
  Money,
  Months,
  Nullable,
  Paging,
  StringEnum,
  Version,
} from './platform.ts';

export const CustomerStatus = StringEnum(customerStatuses);
export type CustomerStatus = Static<typeof CustomerStatus>;

export const CustomerCardStatus = StringEnum(customerCardStatuses);
export type CustomerCardStatus = Static<typeof CustomerCardStatus>;

export const ConsentChannel = StringEnum(consentChannels);
export type ConsentChannel = Static<typeof ConsentChannel>;

export const GroupKind = StringEnum(groupKinds);
export type GroupKind = Static<typeof GroupKind>;

/** Customers: profiles, cards, contact details, consents and groups. */

export const ContactMask = Type.Object({
  maskedPhone: Nullable(Type.String()),
  maskedEmail: Nullable(Type.String()),
  hasAddress: Type.Boolean(),
  hasBirthday: Type.Boolean(),
});
export type ContactMask = Static<typeof ContactMask>;

export const Card = Type.Object({
  number: Type.String(),
  status: CustomerCardStatus,
  linkedAt: Type.String(),
  replacedBy: Nullable(Type.String()),
});
export type Card = Static<typeof Card>;

export const Preferences = Type.Object({
  sizes: Type.Array(Type.String()),
  brands: Type.Array(Type.String()),
  interests: Type.Array(Type.String()),
});
export type Preferences = Static<typeof Preferences>;

/** Why consent is stale (domain consent-refresh): `older_than_24_months` or `outdated_wording`. */
export const StaleReason = Type.Unsafe<`older_than_${number}_months` | 'outdated_wording'>(
  Type.String({ pattern: '^(older_than_[0-9]+_months|outdated_wording)$' }),
);

/** Consent the till asks again, with the shop's current wording. */
export const ConsentRefresh = Type.Object({
  channel: ConsentChannel,
  reasons: Type.Array(StaleReason),
});
export type ConsentRefresh = Static<typeof ConsentRefresh>;

export const CurrentConsent = Type.Object({
  channel: ConsentChannel,
  granted: Type.Boolean(),
  at: Type.String(),
});
export type CurrentConsent = Static<typeof CurrentConsent>;

/**
 * What the till shows about the customer in front of the cashier, from the nightly
 * insights recompute: "due back every ~3 weeks, last seen 11 weeks ago — welcome them
 * back", "birthday this week", "top 5% customer", their segment and a reward their points
 * pay for. A cashier may see it: it holds no contact detail.
 */
export const TillInsight = Type.Object({
  /** Their usual gap between visits in days; null after a single visit or before a recompute. */
  dueEveryDays: Nullable(Type.Integer()),
  lastSeenDaysAgo: Nullable(Type.Integer()),
  lapsed: Type.Boolean(),
  /** Lapsed by their own rhythm (or the rule) and here again: welcome them back. */
  welcomeBack: Type.Boolean(),
  /** Birthday today or in the next six days. */
  birthdaySoon: Type.Boolean(),
  /** 1, 5, 10 or 20: in that top share of customers by 12-month value; null otherwise. */
  topPercent: Nullable(Type.Integer()),
  /** The RFM segment name (Champions … Lost). */
  segment: Nullable(Type.String()),
  /** Which way the scores were made ('model' or the stated 'rule'); null before a recompute. */
  method: Nullable(StringEnum(['model', 'rule'] as const)),
  computedAt: Nullable(Type.String()),
  suggestedReward: Nullable(
    Type.Object({ id: Type.String(), name: Type.String(), pointsCost: Type.Integer() }),
  ),
});
export type TillInsight = Static<typeof TillInsight>;

export const CustomerSummary = Type.Object({
  id: Type.String(),
  number: Type.String(),
  name: Type.String(),
  status: CustomerStatus,
  contactMask: ContactMask,
  cards: Type.Array(Card),
});
export type CustomerSummary = Static<typeof CustomerSummary>;

export const Customer = Type.Object({
  id: Type.String(),
  number: Type.String(),
  name: Type.String(),
  status: CustomerStatus,
  contactMask: ContactMask,
  cards: Type.Array(Card),
  preferences: Preferences,
  notes: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
  consents: Type.Array(CurrentConsent),
  mergedIntoId: Nullable(Type.String()),
  /** When the customer objected to profiling (GDPR art. 21); null = no objection. */
  objectsToProfilingAt: Nullable(Type.String()),
  /** When the customer's personal data was erased (GDPR art. 17); null = not erased. */
  erasedAt: Nullable(Type.String()),
  /** Hints for the cashier (no contact detail); null when the customer may not be profiled. */
  insight: Nullable(TillInsight),
  /** Stale consent given (too old, or under a replaced wording): the till asks again. */
  consentRefresh: Type.Array(ConsentRefresh),
});
export type Customer = Static<typeof Customer>;

export const CustomerAnswer = Type.Object({ customer: Customer });
export type CustomerAnswer = Static<typeof CustomerAnswer>;

/** A customer as the sale, the purchase history and the audit log name them. */
export const CustomerName = Type.Object({
  id: Type.String(),
  number: Type.String(),
  name: Type.String(),
});
export type CustomerName = Static<typeof CustomerName>;

export const Address = Type.Object(
  {
    line1: Type.String({ maxLength: 200 }),
    line2: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    city: Type.String({ maxLength: 100 }),
    postcode: Type.String({ maxLength: 20 }),
    country: Type.String({ maxLength: 2 }),
  },
  { additionalProperties: false },
);
export type Address = Static<typeof Address>;

export const ConsentInput = Type.Object(
  {
    channel: ConsentChannel,
    granted: Type.Boolean(),
    wording: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export type ConsentInput = Static<typeof ConsentInput>;

const preferenceList = Type.Array(Type.String({ maxLength: 60 }), { maxItems: 30 });

/** The fields a customer is created or edited with; spread into a body. */
export const CustomerFields = {
  name: Type.String({ minLength: 1, maxLength: 120 }),
  phone: Type.Optional(Nullable(Identifier({ maxLength: 40 }))),
  email: Type.Optional(Nullable(Type.String({ maxLength: 254 }))),
  address: Type.Optional(Nullable(Address)),
  birthday: Type.Optional(Nullable(Type.String({ maxLength: 10 }))),
  preferences: Type.Optional(
    Type.Object(
      {
        sizes: Type.Optional(preferenceList),
        brands: Type.Optional(preferenceList),
        interests: Type.Optional(preferenceList),
      },
      { additionalProperties: false },
    ),
  ),
  notes: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
};

export const NewCustomerBody = Type.Object(
  { ...CustomerFields, consents: Type.Optional(Type.Array(ConsentInput, { maxItems: 2 })) },
  { additionalProperties: false },
);
export type NewCustomerBody = Static<typeof NewCustomerBody>;

export const CustomerChangeBody = Type.Object(
  {
    ...CustomerFields,
    name: Type.Optional(CustomerFields.name),
    expectedVersion: Type.Optional(Version),
  },
  { additionalProperties: false },
);
export type CustomerChangeBody = Static<typeof CustomerChangeBody>;

export const Duplicate = Type.Object({
  id: Type.String(),
  number: Type.String(),
  name: Type.String(),
  matchedOn: StringEnum(duplicateMatchFields),
});
export type Duplicate = Static<typeof Duplicate>;

export const DuplicatesBody = Type.Object(
  { phone: CustomerFields.phone, email: CustomerFields.email },
  { additionalProperties: false },
);
export type DuplicatesBody = Static<typeof DuplicatesBody>;

export const DuplicatesAnswer = Type.Object({ duplicates: Type.Array(Duplicate) });
export type DuplicatesAnswer = Static<typeof DuplicatesAnswer>;

export const CustomerCreated = Type.Object({
  customer: Customer,
  duplicates: Type.Array(Duplicate),
});
export type CustomerCreated = Static<typeof CustomerCreated>;

export const CustomerSearchQuery = Type.Object(
  {
    q: Type.String({ maxLength: 200 }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
  },
  { additionalProperties: false },
);
export type CustomerSearchQuery = Static<typeof CustomerSearchQuery>;

/** One customer found by the till's search, and what matched (name, phone, card…). */
export const CustomerSearchResult = Type.Object({
  customer: CustomerSummary,
  matchedBy: StringEnum(searchMatchKinds),
});
export type CustomerSearchResult = Static<typeof CustomerSearchResult>;

export const CustomerSearchAnswer = Type.Object({
  results: Type.Array(CustomerSearchResult),
  /** No one found because the number or card searched for is an erased customer's. */
  erased: Type.Boolean(),
});
export type CustomerSearchAnswer = Static<typeof CustomerSearchAnswer>;

export const CustomerListQuery = Type.Object(
  {
    ...Paging,
    q: Type.Optional(Type.String({ maxLength: 120 })),
    status: Type.Optional(CustomerStatus),
    hasEmailConsent: Type.Optional(Type.Boolean()),
    createdFrom: Type.Optional(Type.String({ format: 'date' })),
    createdTo: Type.Optional(Type.String({ format: 'date' })),
    outletId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);
export type CustomerListQuery = Static<typeof CustomerListQuery>;

export const CustomerPage = Type.Object({
  items: Type.Array(CustomerSummary),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type CustomerPage = Static<typeof CustomerPage>;

export const CustomerChange = Type.Object({
  id: Type.String(),
  at: Type.String(),
  kind: StringEnum(customerChangeKinds),
  staffName: Type.Union([Type.String(), Type.Null()]),
  fields: Type.Record(Type.String(), Type.Unknown()),
});
export type CustomerChange = Static<typeof CustomerChange>;

export const CustomerHistory = Type.Object({ changes: Type.Array(CustomerChange) });
export type CustomerHistory = Static<typeof CustomerHistory>;

export const RevealBody = Type.Object(
  { reason: Type.String({ maxLength: 500 }) },
  { additionalProperties: false },
);
export type RevealBody = Static<typeof RevealBody>;

export const RevealedContacts = Type.Object({
  contacts: Type.Object({
    phone: Type.Union([Type.String(), Type.Null()]),
    email: Type.Union([Type.String(), Type.Null()]),
    address: Type.Union([Address, Type.Null()]),
    birthday: Type.Union([Type.String(), Type.Null()]),
  }),
});
export type RevealedContacts = Static<typeof RevealedContacts>;

export const LinkCardBody = Type.Object(
  { cardNumber: Identifier({ maxLength: 40 }) },
  { additionalProperties: false },
);
export type LinkCardBody = Static<typeof LinkCardBody>;

export const CustomerCardParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  cardNumber: Identifier({ maxLength: 40 }),
});
export type CustomerCardParams = Static<typeof CustomerCardParams>;

export const ReplaceCardBody = Type.Object(
  { newCardNumber: Identifier({ maxLength: 40 }) },
  { additionalProperties: false },
);
export type ReplaceCardBody = Static<typeof ReplaceCardBody>;

export const MergeBody = Type.Object(
  { otherCustomerId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
export type MergeBody = Static<typeof MergeBody>;

export const ConsentRecord = Type.Object({
  id: Type.String(),
  channel: ConsentChannel,
  granted: Type.Boolean(),
  wording: Type.String(),
  at: Type.String(),
  source: Type.String(),
  staffName: Type.Union([Type.String(), Type.Null()]),
  outletName: Type.Union([Type.String(), Type.Null()]),
});
export type ConsentRecord = Static<typeof ConsentRecord>;

export const ConsentHistory = Type.Object({
  current: Type.Array(CurrentConsent),
  records: Type.Array(ConsentRecord),
});
export type ConsentHistory = Static<typeof ConsentHistory>;

export const ConsentRecorded = Type.Object({ record: ConsentRecord });
export type ConsentRecorded = Static<typeof ConsentRecorded>;

/** How a rule-based group picks its members. */
export const GroupRule = Type.Union([
  Type.Object(
    { type: Type.Literal('spend'), minSpend: Money, months: Months },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('visits'),
      minVisits: Type.Integer({ minimum: 1, maximum: 100_000 }),
      days: Days,
    },
    { additionalProperties: false },
  ),
]);
export type GroupRule = Static<typeof GroupRule>;

export const Group = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: GroupKind,
  rule: Nullable(GroupRule),
  discountBp: Type.Integer(),
  earnMultiplierBp: Type.Integer(),
  active: Type.Boolean(),
  recomputedAt: Nullable(Type.String()),
  members: Type.Integer(),
});
export type Group = Static<typeof Group>;

export const GroupBody = Type.Object(
  {
    name: Type.String({ maxLength: 60 }),
    kind: GroupKind,
    rule: Type.Optional(Nullable(GroupRule)),
    discountBp: BasisPoints,
    earnMultiplierBp: BasisPoints,
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type GroupBody = Static<typeof GroupBody>;

export const GroupList = Type.Object({ groups: Type.Array(Group) });
export type GroupList = Static<typeof GroupList>;

export const GroupAnswer = Type.Object({ group: Group });
export type GroupAnswer = Static<typeof GroupAnswer>;

export const GroupMembers = Type.Object({ members: Type.Array(CustomerName) });
export type GroupMembers = Static<typeof GroupMembers>;

export const GroupMemberParams = Type.Object({
  id: Id,
  customerId: Type.String({ format: 'uuid' }),
});
export type GroupMemberParams = Static<typeof GroupMemberParams>;

export const GroupRecomputeAnswer = Type.Object({
  results: Type.Array(
    Type.Object({ group: Type.String(), joined: Type.Integer(), left: Type.Integer() }),
  ),
});
export type GroupRecomputeAnswer = Static<typeof GroupRecomputeAnswer>;
