import { noPoints, type Points } from '../domain/units.ts';
import type { SaleLineKind, TenderKind } from './schema.ts';

/** A sale or a return as stored: its rows in camelCase, amounts in minor units. */
export type SaleKind = 'sale' | 'return';

export type SaleRecord = {
  id: string;
  kind: SaleKind;
  number: string;
  outletId: string;
  registerId: string | null;
  staffId: string | null;
  apiKeyId: string | null;
  customerId: string | null;
  currency: string;
  pricingMode: 'tax_inclusive' | 'tax_exclusive';
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  total: number;
  originalSaleId: string | null;
  exchangeId: string | null;
  reason: string | null;
  approvedByStaffId: string | null;
  source: string;
  externalRef: string | null;
  idempotencyKey: string | null;
  requestHash: Buffer | null;
  completedAt: Date;
  /** Gift cards and store credit sold on this sale: money owed, not revenue. */
  liabilityTotal: number;
  voidedAt: Date | null;
  /** Loyalty: the group whose discount applied, the reward redeemed, points earned and spent. */
  groupId: string | null;
  groupDiscountTotal: number;
  rewardId: string | null;
  rewardDiscountTotal: number;
  pointsEarned: Points;
  pointsRedeemed: Points;
};

export type SaleLineRecord = {
  id: string;
  saleId: string;
  lineNo: number;
  customerId: string | null;
  productId: string | null;
  sku: string;
  name: string;
  category: string | null;
  brand: string | null;
  size: string | null;
  colour: string | null;
  quantity: number;
  unitPrice: number;
  discount: number;
  taxRateBp: number;
  tax: number;
  total: number;
  returnedQuantity: number;
  originalLineId: string | null;
  kind: SaleLineKind;
  giftCardId: string | null;
  /** The line's share of the points the sale earned and spent (negative on returns). */
  pointsEarned: Points;
  pointsRedeemed: Points;
  /** The customer group's and the reward's parts of `discount` (negative on returns). */
  groupDiscount: number;
  rewardDiscount: number;
};

export type SaleTenderRecord = {
  id: string;
  saleId: string;
  position: number;
  kind: TenderKind;
  amount: number;
  received: number | null;
  change: number | null;
  reference: string | null;
  refundOfSaleId: string | null;
  giftCardId: string | null;
  storeCreditAccountId: string | null;
};

/** The loyalty fields of a sale that loyalty did not touch (imports, returns before reversal). */
export const withoutLoyalty = {
  groupId: null,
  groupDiscountTotal: 0,
  rewardId: null,
  rewardDiscountTotal: 0,
  pointsEarned: noPoints,
  pointsRedeemed: noPoints,
} as const;

export type StoredSale = SaleRecord & { lines: SaleLineRecord[]; tenders: SaleTenderRecord[] };
