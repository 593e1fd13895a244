import { Type, type TSchema } from 'typebox';

/**
 * Shared JSON schemas. Response schemas double as a filter: Fastify serialises only the
 * properties listed, so a customer response can never carry a contact field by accident.
 */
export const Id = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Id });

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

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
  phone: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
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

export const Problem = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  code: Type.String(),
  detail: Type.String(),
  field: Type.Optional(Type.String()),
});

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
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
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
    }),
  ),
  completedAt: Type.String(),
  originalSaleId: Nullable(Type.String()),
  exchangeId: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  source: Type.String(),
  externalRef: Nullable(Type.String()),
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

const Amount = Type.Integer({ minimum: 0, maximum: 10_000_000_000 });

export const SaleLineInput = Type.Object(
  {
    product: Type.String({ minLength: 1, maxLength: 40, description: 'barcode or SKU' }),
    quantity: Type.Integer(),
    discount: Type.Optional(Amount),
  },
  { additionalProperties: false },
);

export const TenderInput = Type.Union([
  Type.Object({ kind: Type.Literal('cash'), received: Amount }, { additionalProperties: false }),
  Type.Object(
    { kind: Type.Literal('card'), amount: Amount, reference: Type.String({ maxLength: 60 }) },
    { additionalProperties: false },
  ),
]);

export const CustomerReference = Type.Object(
  {
    id: Type.Optional(Type.String({ format: 'uuid' })),
    number: Type.Optional(Type.String({ maxLength: 20 })),
    card: Type.Optional(Type.String({ maxLength: 20 })),
    phone: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
