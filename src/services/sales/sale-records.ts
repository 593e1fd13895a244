import { maskGiftCardNumber } from '../../domain/gift-cards.ts';
import type { PlannedLiabilityLine, PlannedProductLine, SalePlan } from '../../domain/sale-plan.ts';
import type { SettledTender } from '../../domain/tenders.ts';
import { noPoints } from '../../domain/units.ts';
import type { GiftCardRecord } from '../../store/gift-cards.ts';
import { newId } from '../../store/ids.ts';
import type { SaleLineRecord, StoredSale } from '../../store/sale-types.ts';

/** What a sale record keeps besides its plan: who made it, from where, under which key. */
export type SaleOrigin = {
  saleId: string;
  number: string;
  outletId: string;
  registerId: string | null;
  staffId: string | null;
  apiKeyId: string | null;
  source: string;
  externalRef: string | null;
  idempotencyKey: string;
  requestHash: Buffer;
  exchangeId: string | null;
};

/** The sale as stored: the plan's lines and totals, and the tenders as settled under lock. */
export function saleRecord({
  origin,
  plan,
  settled,
}: {
  origin: SaleOrigin;
  plan: SalePlan<GiftCardRecord>;
  settled: readonly SettledTender[];
}): StoredSale {
  const { saleId } = origin;
  const { customerId } = plan;
  return {
    id: saleId,
    kind: 'sale',
    number: origin.number,
    outletId: origin.outletId,
    registerId: origin.registerId,
    staffId: origin.staffId,
    apiKeyId: origin.apiKeyId,
    customerId,
    currency: plan.currency,
    pricingMode: plan.pricingMode,
    ...plan.totals,
    originalSaleId: null,
    exchangeId: origin.exchangeId,
    reason: null,
    approvedByStaffId: null,
    source: origin.source,
    externalRef: origin.externalRef,
    idempotencyKey: origin.idempotencyKey,
    requestHash: origin.requestHash,
    completedAt: plan.completedAt,
    voidedAt: null,
    groupId: plan.loyalty?.group?.id ?? null,
    rewardId: plan.loyalty?.reward?.id ?? null,
    pointsEarned: plan.pointsEarned,
    pointsRedeemed: plan.pointsRedeemed,
    lines: [
      ...plan.productLines.map((line) => productLineRecord(saleId, customerId, line)),
      ...plan.liabilityLines.map((line) => liabilityLineRecord(saleId, customerId, line)),
    ].sort((a, b) => a.lineNo - b.lineNo),
    tenders: tenderRecords(saleId, settled),
  };
}

function productLineRecord(
  saleId: string,
  customerId: string | null,
  line: PlannedProductLine,
): SaleLineRecord {
  const { product, priced } = line;
  return {
    id: newId(),
    saleId,
    lineNo: line.index + 1,
    customerId,
    productId: product.id,
    sku: product.sku,
    name: product.name,
    category: product.category,
    brand: product.brand,
    size: product.size,
    colour: product.colour,
    quantity: priced.quantity,
    unitPrice: priced.unitPrice,
    discount: priced.discount,
    taxRateBp: priced.taxRateBp,
    tax: priced.tax,
    total: priced.total,
    returnedQuantity: 0,
    originalLineId: null,
    kind: 'product',
    giftCardId: null,
    pointsEarned: line.pointsEarned,
    pointsRedeemed: line.pointsRedeemed,
    groupDiscount: line.groupDiscount,
    rewardDiscount: line.rewardDiscount,
  };
}

/** A gift card or store credit sold: no tax, no discount, no points. */
function liabilityLineRecord(
  saleId: string,
  customerId: string | null,
  line: PlannedLiabilityLine<GiftCardRecord>,
): SaleLineRecord {
  const card = line.sells.kind === 'gift_card' ? line.sells.card : null;
  return {
    id: newId(),
    saleId,
    lineNo: line.index + 1,
    customerId,
    productId: null,
    sku: card ? 'GIFT-CARD' : 'STORE-CREDIT',
    name: card ? `Gift card ${maskGiftCardNumber(card.number)}` : 'Store credit',
    category: null,
    brand: null,
    size: null,
    colour: null,
    quantity: 1,
    unitPrice: line.amount,
    discount: 0,
    taxRateBp: 0,
    tax: 0,
    total: line.amount,
    returnedQuantity: 0,
    originalLineId: null,
    kind: line.sells.kind,
    giftCardId: card?.id ?? null,
    pointsEarned: noPoints,
    pointsRedeemed: noPoints,
    groupDiscount: 0,
    rewardDiscount: 0,
  };
}

function tenderRecords(saleId: string, settled: readonly SettledTender[]): StoredSale['tenders'] {
  return settled.map((tender, position) => ({
    id: newId(),
    saleId,
    position,
    kind: tender.kind,
    amount: tender.amount,
    received: tender.kind === 'cash' ? tender.received : null,
    change: tender.kind === 'cash' ? tender.change : null,
    reference: tender.kind === 'card' || tender.kind === 'gift_card' ? tender.reference : null,
    refundOfSaleId: null,
    giftCardId: tender.kind === 'gift_card' ? tender.giftCardId : null,
    storeCreditAccountId: tender.kind === 'store_credit' ? tender.accountId : null,
  }));
}
