// Shapes of the HTTP API (docs/api.md). The web app talks to the API only, so these mirror
// the JSON, not the server's internal types.
import type { Permission, Role } from '@domain/permissions.ts';

export type { Permission, Role };

export type Channel = 'email' | 'sms';
export type CustomerStatus = 'active' | 'merged' | 'erased';
export type MatchedBy =
  'number' | 'card' | 'phone' | 'email' | 'phone_ending' | 'name_prefix' | 'name_fuzzy';

export type Session = {
  staff: { id: string; username: string; displayName: string; role: Role };
  permissions: Permission[];
  method: 'password' | 'pin';
  outlet: { id: string; code: string; name: string } | null;
  register: { id: string; code: string; name: string } | null;
};

export type Register = {
  id: string;
  code: string;
  name: string;
  outletId: string;
  outletName: string;
};

export type ContactMask = {
  maskedPhone: string | null;
  maskedEmail: string | null;
  hasAddress: boolean;
  hasBirthday: boolean;
};

export type Card = {
  number: string;
  status: 'active' | 'lost';
  linkedAt: string;
  replacedBy?: string | null;
};

export type Preferences = { sizes: string[]; brands: string[]; interests: string[] };

/** The latest decision on one channel; a channel never asked about is absent from the list. */
export type CurrentConsent = { channel: Channel; granted: boolean; at: string };

export type CustomerSummary = {
  id: string;
  number: string;
  name: string;
  status: CustomerStatus;
  contactMask: ContactMask;
  cards: Card[];
};

export type Customer = CustomerSummary & {
  preferences: Preferences;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  consents: CurrentConsent[];
  mergedIntoId: string | null;
};

export type SearchResult = { customer: CustomerSummary; matchedBy: MatchedBy };

export type Duplicate = { id: string; number: string; name: string; matchedOn: 'phone' | 'email' };

export type Address = {
  line1: string;
  line2?: string | null;
  city: string;
  postcode: string;
  country: string;
};

export type Contacts = {
  phone: string | null;
  email: string | null;
  address: Address | null;
  birthday: string | null;
};

export type ConsentInput = { channel: Channel; granted: boolean; wording: string };

export type CustomerInput = {
  name: string;
  phone?: string;
  email?: string;
  address?: Address;
  birthday?: string;
  preferences?: Preferences;
  notes?: string;
  consents?: ConsentInput[];
};

/** PATCH body: omitted fields stay as they are; `null` clears a contact field. */
export type CustomerPatch = {
  name?: string;
  phone?: string | null;
  email?: string | null;
  address?: Address | null;
  birthday?: string | null;
  preferences?: Preferences;
  notes?: string;
  /** The version the edit was based on; the server answers version_conflict if it moved on. */
  expectedVersion?: number;
};

/** `{ from, to }` for plain fields; contact fields only say 'added' | 'changed' | 'removed'. */
export type FieldChange = { from: unknown; to: unknown } | string | Record<string, unknown>;

export type HistoryChange = {
  id: string;
  at: string;
  staffName: string | null;
  kind: string;
  fields: Record<string, FieldChange>;
};

export type ConsentRecord = {
  id: string;
  channel: Channel;
  granted: boolean;
  wording: string;
  at: string;
  staffName: string | null;
  outletName: string | null;
};

export type Consents = { current: CurrentConsent[]; records: ConsentRecord[] };

export type CustomerListQuery = {
  page: number;
  pageSize: number;
  q?: string;
  status?: CustomerStatus | '';
  hasEmailConsent?: boolean;
  createdFrom?: string;
  createdTo?: string;
};

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export type Staff = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  hasPin: boolean;
  hasPassword?: boolean;
  createdAt: string;
};

export type StaffInput = {
  username: string;
  displayName: string;
  role: Role;
  password?: string;
  pin?: string;
};

export type StaffPatch = {
  displayName?: string;
  role?: Role;
  active?: boolean;
  password?: string;
  pin?: string;
};

export type ApiKey = {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
};

export type AuditEntry = {
  id: string;
  at: string;
  action: string;
  actorName?: string | null;
  /** Who acted when no staff member did (an API key, the system). */
  actorLabel?: string;
  subjectType: string | null;
  subjectId: string | null;
  detail: unknown;
};

export type Settings = {
  defaultCountry: string;
  shopName: string;
  /** Months after activation or issue; null: never expires. */
  giftCardExpiryMonths?: number | null;
  storeCreditExpiryMonths?: number | null;
};

// Sales (amounts are integers in the currency's minor unit: pence, cents).

export type Product = {
  id: string;
  sku: string;
  barcode: string | null;
  name: string;
  category: string | null;
  brand: string | null;
  size: string | null;
  colour: string | null;
  price: number;
  currency: string;
  /** Tax rate in basis points: 2000 = 20%. */
  taxRateBp: number;
  active: boolean;
};

export type SaleLine = {
  id: string;
  lineNo: number;
  productId: string | null;
  sku: string;
  name: string;
  category: string | null;
  brand: string | null;
  size: string | null;
  colour: string | null;
  /** Negative on the lines of a return. */
  quantity: number;
  unitPrice: number;
  discount: number;
  taxRateBp: number;
  tax: number;
  total: number;
  returnedQuantity: number;
  /** Units that may still be returned (0 on return lines). */
  returnable: number;
  originalLineId: string | null;
  /** Gift cards and store credit sold are lines too; they cannot be returned. */
  kind: 'product' | 'gift_card' | 'store_credit';
  /** The line's share of the points the sale earned and of a reward's points. */
  pointsEarned: number;
  pointsRedeemed: number;
  /** The customer group's and the reward's parts of `discount` (negative on returns). */
  groupDiscount: number;
  rewardDiscount: number;
};

export type TenderKind = 'cash' | 'card' | 'gift_card' | 'store_credit' | 'exchange' | 'external';

export type SaleTender = {
  kind: TenderKind;
  amount: number;
  received: number | null;
  change: number | null;
  reference: string | null;
  /** What a gift card holds after this sale or refund (null for other tenders). */
  balanceAfter: number | null;
};

export type Sale = {
  id: string;
  kind: 'sale' | 'return';
  number: string;
  outlet: { id: string; code: string; name: string; receiptHeader: string };
  register: { id: string; code: string; name: string } | null;
  staffName: string | null;
  customer: { id: string; number: string; name: string } | null;
  currency: string;
  pricingMode: 'tax_inclusive' | 'tax_exclusive';
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  total: number;
  lines: SaleLine[];
  tenders: SaleTender[];
  completedAt: string;
  originalSaleId: string | null;
  exchangeId: string | null;
  reason: string | null;
  source: string;
  externalRef: string | null;
  /** When the sale was voided (its void record is a return pointing back at it). */
  voidedAt: string | null;
  /** What loyalty did: group discount, reward, points (negative on returns). */
  loyalty: SaleLoyalty;
};

export type SaleLoyalty = {
  groupName: string | null;
  groupDiscountTotal: number;
  rewardName: string | null;
  rewardDiscountTotal: number;
  pointsEarned: number;
  pointsRedeemed: number;
};

/** A gift card or store credit without an amount pays what it holds, up to what is due. */
export type TenderInput =
  | { kind: 'cash'; received: number }
  | { kind: 'card'; amount: number; reference: string }
  | { kind: 'gift_card'; number: string; amount?: number }
  | { kind: 'store_credit'; amount?: number };

/** Selling a gift card (scanned by number, or digital by email) or store credit. */
export type SaleLineInput =
  | { product: string; quantity: number; discount?: number }
  | { kind: 'gift_card'; number?: string; amount: number; email?: string }
  | { kind: 'store_credit'; amount: number };

export type SaleInput = {
  customer?: { id: string } | null;
  lines: SaleLineInput[];
  tenders: TenderInput[];
  /** A loyalty reward the sale's customer redeems with their points. */
  rewardId?: string;
};

/** POST /sales/quote: the basket priced exactly as the sale will be (nothing written). */
export type SaleQuote = {
  currency: string;
  pricingMode: 'tax_inclusive' | 'tax_exclusive';
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  total: number;
  liabilityTotal: number;
  group: { name: string; discountBp: number } | null;
  groupDiscountTotal: number;
  reward: { id: string; name: string; pointsCost: number } | null;
  rewardDiscountTotal: number;
  pointsEarned: number;
  pointsRedeemed: number;
  lines: { line: number; discount: number; tax: number; total: number }[];
};

/** A digital gift card sold on line `line` (from 1), and whether its email went out. */
export type GiftCardDelivery = { line: number; sent: boolean; problem?: string };

export type RefundTo = 'original' | 'store_credit' | { giftCard: string };

export type ReturnInput = {
  lines: { saleLineId: string; quantity: number }[];
  withReceipt: boolean;
  reason: string;
  refundTo?: RefundTo;
  approval?: { username: string; pin: string };
};

export type Favourite = { key: string; label: string; quantity: number; spend: number };

export type PurchaseSummary = {
  lifetimeSpend: number;
  visits: number;
  returns: number;
  averageBasket: number;
  lastVisit: string | null;
  firstVisit: string | null;
  topItems: Favourite[];
  favouriteBrands: Favourite[];
  favouriteSizes: Favourite[];
};

export type PurchasePage = { items: Sale[]; nextCursor: string | null };
