import { Type, type Static } from 'typebox';
import { saleKinds, saleLineKinds, tenderKinds } from '../../domain/sales.ts';
import { CustomerName } from './customers.ts';
import { Identifier, Money, Nullable, Quantity, StringEnum } from './platform.ts';
import { PricingMode, Register } from './shop.ts';
import { Approval } from './staff.ts';
import { GiftCardNumber } from './stored-value.ts';

/** Sales: the till's sale and its quote, returns, exchanges, voids and purchase history. */

export const SaleKind = StringEnum(saleKinds);
export type SaleKind = Static<typeof SaleKind>;

export const SaleLineKind = StringEnum(saleLineKinds);
export type SaleLineKind = Static<typeof SaleLineKind>;

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
  kind: SaleLineKind,
  pointsEarned: Type.Integer(),
  pointsRedeemed: Type.Integer(),
  /** The customer group's and the reward's parts of `discount` (negative on returns). */
  groupDiscount: Type.Integer(),
  rewardDiscount: Type.Integer(),
});
export type SaleLine = Static<typeof SaleLine>;

export const TenderKind = StringEnum(tenderKinds);
export type TenderKind = Static<typeof TenderKind>;

export const SaleTender = Type.Object({
  kind: TenderKind,
  amount: Type.Integer(),
  received: Nullable(Type.Integer()),
  change: Nullable(Type.Integer()),
  reference: Nullable(Type.String()),
  /** What a gift card holds after this sale or refund (null for other tenders). */
  balanceAfter: Nullable(Type.Integer()),
});
export type SaleTender = Static<typeof SaleTender>;

export const Sale = Type.Object({
  id: Type.String(),
  kind: SaleKind,
  number: Type.String(),
  outlet: Type.Object({
    id: Type.String(),
    code: Type.String(),
    name: Type.String(),
    receiptHeader: Type.String(),
  }),
  register: Nullable(Register),
  staffName: Nullable(Type.String()),
  customer: Nullable(CustomerName),
  currency: Type.String(),
  pricingMode: PricingMode,
  subtotal: Type.Integer(),
  discountTotal: Type.Integer(),
  taxTotal: Type.Integer(),
  total: Type.Integer(),
  lines: Type.Array(SaleLine),
  tenders: Type.Array(SaleTender),
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
export type Sale = Static<typeof Sale>;

export const SaleAnswer = Type.Object({ sale: Sale });
export type SaleAnswer = Static<typeof SaleAnswer>;

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
export type SaleLineInput = Static<typeof SaleLineInput>;

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
export type TenderInput = Static<typeof TenderInput>;

export const RefundDestination = Type.Union([
  Type.Literal('original'),
  Type.Literal('store_credit'),
  Type.Object({ giftCard: GiftCardNumber }, { additionalProperties: false }),
]);
export type RefundDestination = Static<typeof RefundDestination>;

/** The sale's customer, by whatever the till or the integration knows them by. */
export const CustomerReference = Type.Object(
  {
    id: Type.Optional(Type.String({ format: 'uuid' })),
    number: Type.Optional(Identifier({ maxLength: 20 })),
    card: Type.Optional(Identifier({ maxLength: 20 })),
    phone: Type.Optional(Identifier({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
export type CustomerReference = Static<typeof CustomerReference>;

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
export type SaleBody = Static<typeof SaleBody>;

/** Whether a digital gift card sold on sale line `line` was sent, and if not, why. */
export const GiftCardDelivery = Type.Object({
  line: Type.Integer(),
  sent: Type.Boolean(),
  problem: Type.Optional(Type.String()),
});
export type GiftCardDelivery = Static<typeof GiftCardDelivery>;

export const SaleCompleted = Type.Object({
  sale: Sale,
  giftCardDeliveries: Type.Array(GiftCardDelivery),
});
export type SaleCompleted = Static<typeof SaleCompleted>;

/** A completed sale an existing POS posts. */
export const IntegrationSaleBody = Type.Object(
  {
    outletId: Type.String({ format: 'uuid' }),
    customer: Type.Optional(Type.Union([CustomerReference, Type.Null()])),
    lines: Type.Array(SaleLineInput, { maxItems: 500 }),
    tenders: Type.Array(TenderInput, { maxItems: 10 }),
    completedAt: Type.Optional(Type.String({ format: 'date-time' })),
    externalRef: Type.Optional(Type.String({ maxLength: 80 })),
  },
  { additionalProperties: false },
);
export type IntegrationSaleBody = Static<typeof IntegrationSaleBody>;

export const ReturnLines = Type.Array(
  Type.Object(
    { saleLineId: Type.String({ format: 'uuid' }), quantity: Quantity },
    { additionalProperties: false },
  ),
  { maxItems: 500 },
);
export type ReturnLines = Static<typeof ReturnLines>;

export const ReturnBody = Type.Object(
  {
    outletId: Type.Optional(Type.String({ format: 'uuid' })),
    lines: ReturnLines,
    withReceipt: Type.Boolean(),
    reason: Type.String({ maxLength: 200 }),
    refundTo: Type.Optional(RefundDestination),
    approval: Type.Optional(Approval),
  },
  { additionalProperties: false },
);
export type ReturnBody = Static<typeof ReturnBody>;

export const ExchangeBody = Type.Object(
  {
    outletId: Type.Optional(Type.String({ format: 'uuid' })),
    return: Type.Object(
      {
        lines: ReturnLines,
        withReceipt: Type.Boolean(),
        reason: Type.String({ maxLength: 200 }),
        refundTo: Type.Optional(RefundDestination),
        approval: Type.Optional(Approval),
      },
      { additionalProperties: false },
    ),
    sale: Type.Object(
      {
        lines: Type.Array(SaleLineInput, { maxItems: 500 }),
        tenders: Type.Array(TenderInput, { maxItems: 10 }),
        customer: Type.Optional(Type.Union([CustomerReference, Type.Null()])),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type ExchangeBody = Static<typeof ExchangeBody>;

export const ExchangeDone = Type.Object({ return: Sale, sale: Sale });
export type ExchangeDone = Static<typeof ExchangeDone>;

export const VoidBody = Type.Object(
  { reason: Type.String({ maxLength: 200 }), approval: Type.Optional(Approval) },
  { additionalProperties: false },
);
export type VoidBody = Static<typeof VoidBody>;

export const SaleNumberParams = Type.Object({ number: Type.String({ maxLength: 60 }) });
export type SaleNumberParams = Static<typeof SaleNumberParams>;

export const AttachBody = Type.Object(
  { customerId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
export type AttachBody = Static<typeof AttachBody>;

export const DetachBody = Type.Object(
  { reason: Type.String({ maxLength: 200 }) },
  { additionalProperties: false },
);
export type DetachBody = Static<typeof DetachBody>;

/** A basket to price: a sale without its tenders. */
export const SaleQuoteBody = Type.Omit(SaleBody, ['tenders'], { additionalProperties: false });
export type SaleQuoteBody = Static<typeof SaleQuoteBody>;

const Amount = Type.Integer({ description: 'minor units' });

export const SaleQuote = Type.Object({
  currency: Type.String(),
  pricingMode: PricingMode,
  subtotal: Amount,
  discountTotal: Amount,
  taxTotal: Amount,
  total: Amount,
  liabilityTotal: Amount,
  group: Nullable(Type.Object({ name: Type.String(), discountBp: Type.Integer() })),
  groupDiscountTotal: Amount,
  reward: Nullable(
    Type.Object({ id: Type.String(), name: Type.String(), pointsCost: Type.Integer() }),
  ),
  rewardDiscountTotal: Amount,
  pointsEarned: Type.Integer(),
  pointsRedeemed: Type.Integer(),
  lines: Type.Array(
    Type.Object({
      line: Type.Integer({ description: 'position in the request, from 0' }),
      discount: Amount,
      tax: Amount,
      total: Amount,
    }),
  ),
});
export type SaleQuote = Static<typeof SaleQuote>;

export const SaleQuoteAnswer = Type.Object({ quote: SaleQuote });
export type SaleQuoteAnswer = Static<typeof SaleQuoteAnswer>;

export const PurchasesQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);
export type PurchasesQuery = Static<typeof PurchasesQuery>;

export const PurchasePage = Type.Object({
  items: Type.Array(Sale),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type PurchasePage = Static<typeof PurchasePage>;

/** Something a customer often buys: an item, a brand or a size. */
export const Favourite = Type.Object({
  key: Type.String(),
  label: Type.String(),
  quantity: Type.Integer(),
  spend: Type.Integer(),
});
export type Favourite = Static<typeof Favourite>;

export const PurchaseSummary = Type.Object({
  summary: Type.Object({
    lifetimeSpend: Type.Integer(),
    visits: Type.Integer(),
    returns: Type.Integer(),
    averageBasket: Type.Integer(),
    lastVisit: Type.Union([Type.String(), Type.Null()]),
    firstVisit: Type.Union([Type.String(), Type.Null()]),
    topItems: Type.Array(Favourite),
    favouriteBrands: Type.Array(Favourite),
    favouriteSizes: Type.Array(Favourite),
  }),
});
export type PurchaseSummary = Static<typeof PurchaseSummary>;
