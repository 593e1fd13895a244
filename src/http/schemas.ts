import { Type, type TSchema } from 'typebox';

/**
 * Shared JSON schemas. Response schemas double as a filter: Fastify serialises only the
 * properties listed, so a customer response can never carry a contact field by accident.
 */
export const Id = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Id });

/**
 * A code that is looked up or scanned, not free text: a barcode, a customer card, a
 * phone number. It still may not hold a NUL or a broken character, but it skips the
 * card-number test, which one EAN-13 barcode in ten (and some long phone numbers) would
 * fail by chance. Every other request string is free text (see src/http/validation.ts).
 */
export const Identifier = (options: {
  maxLength: number;
  minLength?: number;
  description?: string;
}) => Type.String({ ...options, 'x-text': 'identifier' });

/** A password is never stored, only its hash: it is not checked for card numbers either. */
export const Password = (options: { maxLength: number; minLength?: number }) => Identifier(options);

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/**
 * Every whole number a caller sends is bounded here, so none can overflow its column
 * (a PostgreSQL integer holds up to 2,147,483,647) or be taken for another type. The
 * business limits (a discount up to 100%, a multiplier up to 10×) are the domain's,
 * which answers with a message in the shop's words; these are the outer walls.
 */
const int4Max = 2_147_483_647;
const moneyMax = 10_000_000_000;
/** Minor units, never negative. */
export const Money = Type.Integer({ minimum: 0, maximum: moneyMax, description: 'minor units' });
/** Minor units; negative takes value away. */
export const SignedMoney = Type.Integer({
  minimum: -moneyMax,
  maximum: moneyMax,
  description: 'minor units; negative takes value away',
});
export const Points = Type.Integer({ minimum: 0, maximum: 1_000_000_000 });
export const SignedPoints = Type.Integer({ minimum: -1_000_000_000, maximum: 1_000_000_000 });
/** Hundredths of a percent: 500 is 5%, 20000 is ×2. */
export const BasisPoints = Type.Integer({ minimum: 0, maximum: 1_000_000 });
export const Quantity = Type.Integer({ minimum: 1, maximum: 10_000 });
export const Months = Type.Integer({ minimum: 1, maximum: 1_200 });
export const Days = Type.Integer({ minimum: 1, maximum: 36_500 });
export const Version = Type.Integer({ minimum: 1, maximum: int4Max });

/** A supervisor's username and PIN, typed at the till when a step needs approval. */
export const Approval = Type.Object(
  { username: Type.String({ maxLength: 80 }), pin: Type.String({ maxLength: 8 }) },
  { additionalProperties: false },
);

export const ContactMask = Type.Object({
  maskedPhone: Nullable(Type.String()),
  maskedEmail: Nullable(Type.String()),
  hasAddress: Type.Boolean(),
  hasBirthday: Type.Boolean(),
});

export const Card = Type.Object({
  number: Type.String(),
  status: Type.String(),
  linkedAt: Type.String(),
  replacedBy: Nullable(Type.String()),
});

export const Preferences = Type.Object({
  sizes: Type.Array(Type.String()),
  brands: Type.Array(Type.String()),
  interests: Type.Array(Type.String()),
});

export const CurrentConsent = Type.Object({
  channel: Type.String(),
  granted: Type.Boolean(),
  at: Type.String(),
});

export const CustomerSummary = Type.Object({
  id: Type.String(),
  number: Type.String(),
  name: Type.String(),
  status: Type.String(),
  contactMask: ContactMask,
  cards: Type.Array(Card),
});

export const Customer = Type.Object({
  id: Type.String(),
  number: Type.String(),
  name: Type.String(),
  status: Type.String(),
  contactMask: ContactMask,
  cards: Type.Array(Card),
  preferences: Preferences,
  notes: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
  consents: Type.Array(CurrentConsent),
  mergedIntoId: Nullable(Type.String()),
});

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

export const ConsentInput = Type.Object(
  {
    channel: Type.Union([Type.Literal('email'), Type.Literal('sms')]),
    granted: Type.Boolean(),
    wording: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);

const preferenceList = Type.Array(Type.String({ maxLength: 60 }), { maxItems: 30 });

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

/** An error answer (RFC 9457 problem details); extensions such as `due` may follow. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String({ description: 'stable: what went wrong, e.g. insufficient_balance' }),
    detail: Type.String({ description: 'for people: what to do about it' }),
    field: Type.Optional(
      Type.String({ description: 'the input at fault, e.g. lines[0].quantity' }),
    ),
  },
  { additionalProperties: true },
);

export const Role = Type.Union([
  Type.Literal('cashier'),
  Type.Literal('supervisor'),
  Type.Literal('marketer'),
  Type.Literal('admin'),
  Type.Literal('auditor'),
]);

export const Session = Type.Object({
  staff: Type.Object({
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    role: Type.String(),
  }),
  permissions: Type.Array(Type.String()),
  method: Type.String(),
  outlet: Nullable(Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() })),
  register: Nullable(Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() })),
});

export const Paging = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 25 })),
};

export const SaleLine = Type.Object({
  id: Type.String(),
  lineNo: Type.Integer(),
  productId: Nullable(Type.String()),
  sku: Type.String(),
  name: Type.String(),
  category: Nullable(Type.String()),
  brand: Nullable(Type.String()),
  size: Nullable(Type.String()),
  colour: Nullable(Type.String()),
  quantity: Type.Integer(),
  unitPrice: Type.Integer(),
  discount: Type.Integer(),
  taxRateBp: Type.Integer(),
  tax: Type.Integer(),
  total: Type.Integer(),
  returnedQuantity: Type.Integer(),
  returnable: Type.Integer(),
  originalLineId: Nullable(Type.String()),
  kind: Type.String(),
  pointsEarned: Type.Integer(),
  pointsRedeemed: Type.Integer(),
  /** The customer group's and the reward's parts of `discount` (negative on returns). */
  groupDiscount: Type.Integer(),
  rewardDiscount: Type.Integer(),
});

export const Sale = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  number: Type.String(),
  outlet: Type.Object({
    id: Type.String(),
    code: Type.String(),
    name: Type.String(),
    receiptHeader: Type.String(),
  }),
  register: Nullable(Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() })),
  staffName: Nullable(Type.String()),
  customer: Nullable(
    Type.Object({ id: Type.String(), number: Type.String(), name: Type.String() }),
  ),
  currency: Type.String(),
  pricingMode: Type.String(),
  subtotal: Type.Integer(),
  discountTotal: Type.Integer(),
  taxTotal: Type.Integer(),
  total: Type.Integer(),
  lines: Type.Array(SaleLine),
  tenders: Type.Array(
    Type.Object({
      kind: Type.String(),
      amount: Type.Integer(),
      received: Nullable(Type.Integer()),
      change: Nullable(Type.Integer()),
      reference: Nullable(Type.String()),
      /** What a gift card holds after this sale or refund (null for other tenders). */
      balanceAfter: Nullable(Type.Integer()),
    }),
  ),
  completedAt: Type.String(),
  originalSaleId: Nullable(Type.String()),
  exchangeId: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  source: Type.String(),
  externalRef: Nullable(Type.String()),
  voidedAt: Nullable(Type.String()),
  loyalty: Type.Object({
    groupName: Nullable(Type.String()),
    groupDiscountTotal: Type.Integer(),
    rewardName: Nullable(Type.String()),
    rewardDiscountTotal: Type.Integer(),
    pointsEarned: Type.Integer(),
    pointsRedeemed: Type.Integer(),
  }),
});

export const Product = Type.Object({
  id: Type.String(),
  sku: Type.String(),
  barcode: Nullable(Type.String()),
  name: Type.String(),
  category: Nullable(Type.String()),
  brand: Nullable(Type.String()),
  size: Nullable(Type.String()),
  colour: Nullable(Type.String()),
  price: Type.Integer(),
  currency: Type.String(),
  taxRateBp: Type.Integer(),
  active: Type.Boolean(),
});

const GiftCardNumber = Identifier({ minLength: 1, maxLength: 30 });

export const SaleLineInput = Type.Union([
  Type.Object(
    {
      product: Identifier({ minLength: 1, maxLength: 40, description: 'barcode or SKU' }),
      quantity: Quantity,
      discount: Type.Optional(Money),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('gift_card'),
      number: Type.Optional(GiftCardNumber),
      amount: Money,
      email: Type.Optional(
        Type.String({ maxLength: 254, description: 'for a digital card: where to send it' }),
      ),
    },
    { additionalProperties: false, description: 'Sell (activate or top up) a gift card' },
  ),
  Type.Object(
    { kind: Type.Literal('store_credit'), amount: Money },
    { additionalProperties: false, description: "Sell store credit to the sale's customer" },
  ),
]);

export const TenderInput = Type.Union([
  Type.Object({ kind: Type.Literal('cash'), received: Money }, { additionalProperties: false }),
  Type.Object(
    { kind: Type.Literal('card'), amount: Money, reference: Type.String({ maxLength: 60 }) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('gift_card'),
      number: GiftCardNumber,
      amount: Type.Optional(Money),
    },
    {
      additionalProperties: false,
      description: 'Without an amount the card pays what it holds, up to what is still due',
    },
  ),
  Type.Object(
    { kind: Type.Literal('store_credit'), amount: Type.Optional(Money) },
    { additionalProperties: false },
  ),
]);

export const RefundDestination = Type.Union([
  Type.Literal('original'),
  Type.Literal('store_credit'),
  Type.Object({ giftCard: GiftCardNumber }, { additionalProperties: false }),
]);

export const GiftCard = Type.Object({
  id: Type.String(),
  number: Type.String(),
  currency: Type.String(),
  state: Type.String(),
  balance: Type.Integer(),
  digital: Type.Boolean(),
  customerId: Nullable(Type.String()),
  issuedOutletId: Nullable(Type.String()),
  batchLabel: Nullable(Type.String()),
  activatedAt: Nullable(Type.String()),
  expiresAt: Nullable(Type.String()),
  expired: Type.Boolean(),
});

export const GiftCardActivity = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  amount: Type.Integer(),
  balanceAfter: Type.Integer(),
  stateAfter: Type.String(),
  saleId: Nullable(Type.String()),
  outletId: Nullable(Type.String()),
  staffName: Nullable(Type.String()),
  approvedByName: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  at: Type.String(),
});

export const StoreCreditEntry = Type.Object({
  id: Type.String(),
  currency: Type.String(),
  kind: Type.String(),
  amount: Type.Integer(),
  balanceAfter: Type.Integer(),
  expiresAt: Nullable(Type.String()),
  saleId: Nullable(Type.String()),
  staffName: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  at: Type.String(),
});

export const CustomerReference = Type.Object(
  {
    id: Type.Optional(Type.String({ format: 'uuid' })),
    number: Type.Optional(Identifier({ maxLength: 20 })),
    card: Type.Optional(Identifier({ maxLength: 20 })),
    phone: Type.Optional(Identifier({ maxLength: 40 })),
  },
  { additionalProperties: false },
);

/** A sale as the till sends it. */
export const SaleBody = Type.Object(
  {
    outletId: Type.Optional(Type.String({ format: 'uuid' })),
    customer: Type.Optional(Type.Union([CustomerReference, Type.Null()])),
    lines: Type.Array(SaleLineInput, { maxItems: 500 }),
    tenders: Type.Array(TenderInput, { maxItems: 10 }),
    rewardId: Type.Optional(
      Type.String({ format: 'uuid', description: 'a loyalty reward the customer redeems' }),
    ),
  },
  { additionalProperties: false },
);

/** 204: done, and nothing to say. */
export const NoContent = Type.Null({ description: 'Done; no body' });

/** A document that is not JSON (a receipt page, a PDF, a CSV file, a barcode image). */
export const FileAnswer = (contentType: string, description: string) => ({
  description,
  content: { [contentType]: { schema: Type.Unsafe<string | Buffer>(Type.String()) } },
});

/** A line-by-line import report: every line imported, skipped or rejected with why. */
export const ImportReport = Type.Object(
  {
    imported: Type.Integer(),
    rejected: Type.Integer(),
    skipped: Type.Optional(Type.Integer()),
    lines: Type.Array(
      Type.Object({ line: Type.Integer(), status: Type.String() }, { additionalProperties: true }),
    ),
  },
  { additionalProperties: true },
);

/**
 * A CSV file sent as text. Its cells are checked one by one by the importer (a barcode
 * column is an identifier, a name column free text), so the file as a whole is not.
 */
export const CsvFile = Identifier({ maxLength: 5_000_000 });
