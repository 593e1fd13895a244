import type { GroupBenefit } from './customer-groups.ts';
import type { ValidProduct } from './catalogue.ts';
import type { GiftCardOperation, GiftCardSnapshot } from './gift-cards.ts';
import type { Promotion } from './loyalty-earning.ts';
import type { LoyaltyRules } from './loyalty-rules.ts';
import { noPoints, type Minor, type Points } from './units.ts';
import { invalid, ok, type Result } from './result.ts';
import type { Reward } from './rewards.ts';
import { saleTotals, type PricedLine, type PricingMode, type SaleTotals } from './sales.ts';
import type { CreditLot } from './store-credit.ts';
import { checkFreeText, settleTenders, type TenderInput } from './tenders.ts';
import { planLoyalty, type PlannedLoyalty } from './sale-plan-loyalty.ts';
import { priceProductLines } from './sale-plan-products.ts';
import { planLiabilityLines, planTenderInputs } from './sale-plan-stored-value.ts';

/**
 * A sale decided in one place: the facts read beforehand (products, customer, loyalty,
 * stored value) and the request go in, the whole plan comes out (lines after every
 * discount, totals, points, stored value sold, how it is to be paid) or the first refusal.
 * The quote and the sale both take this path, so what the till shows is what is written.
 */

/** A product line by barcode or SKU. */
export type ProductLineRequest = { product: string; quantity: number; discount?: number };
/** Selling a gift card (a pre-printed one by number, or a digital one sent by email) or store credit. */
export type LiabilityLineRequest =
  | { kind: 'gift_card'; number?: string; amount: number; email?: string }
  | { kind: 'store_credit'; amount: number };
export type SaleLineRequest = ProductLineRequest | LiabilityLineRequest;

/** How a caller pays: gift cards by number, store credit from the sale's customer. */
export type TenderRequest =
  | { kind: 'cash'; received: number }
  | { kind: 'card'; amount: number; reference: string }
  | { kind: 'gift_card'; number: string; amount?: number }
  | { kind: 'store_credit'; amount?: number };

export function isProductLine(line: SaleLineRequest): line is ProductLineRequest {
  return !('kind' in line);
}

/** A product as the catalogue holds it: a valid product with its id and whether it sells. */
export type SaleProduct = ValidProduct & { id: string; active: boolean };

/** A gift card as read; the plan hands back the very card it was given. */
export type SaleGiftCard = GiftCardSnapshot & { id: string; number: string; currency: string };

/** Loyalty as it stands for the sale's customer when the sale is made. */
export type LoyaltyFacts = {
  ruleVersion: number | null;
  rules: LoyaltyRules;
  groups: readonly GroupBenefit[];
  /** The reward asked for, if there is one with that id (active or not). */
  reward: Reward | null;
  /** The customer's balance (checked again, under lock, when the points are spent). */
  balance: Points;
  /** Promotions running when the sale is made (none when the program is off). */
  promotions: readonly Promotion[];
};

/** A gift card a line sells: the one its number names (or why not), or a new digital one. */
export type SoldCardFact<C extends SaleGiftCard> = { found: Result<C> } | { minted: C };

/** Everything the decision reads, gathered before it. */
export type SaleFacts<C extends SaleGiftCard = SaleGiftCard> = {
  /** When the facts were read: cards' expiry, credit lots and a sold card's expiry use it. */
  now: Date;
  completedAt: Date;
  outlet: { currency: string; pricingMode: PricingMode };
  /** The products the lines name, by barcode or SKU. */
  products: readonly SaleProduct[];
  /** The customer the sale names, as found (or why not); null when it names none. */
  customer: Result<{ id: string }> | null;
  /** Loyalty for the customer found; null without one. */
  loyalty: LoyaltyFacts | null;
  /** Per request line: the gift card it sells (null for other lines). */
  soldCards: readonly (SoldCardFact<C> | null)[];
  giftCardExpiryMonths: number | null;
  /** Per tender: the gift card it names, as found (null for other tenders). */
  tenderCards: readonly (Result<C> | null)[];
  /** The customer's store credit account in the outlet's currency, when a tender asks for it. */
  storeCredit: { accountId: string; lots: readonly CreditLot[] } | null;
};

export type SaleRequest = {
  lines: readonly SaleLineRequest[];
  externalRef?: string | undefined;
  rewardId?: string | undefined;
};

export type PlannedProductLine = {
  /** Position in the request (line number less one). */
  index: number;
  product: SaleProduct;
  /** After the line's own discount and the group's and the reward's. */
  priced: PricedLine;
  groupDiscount: number;
  rewardDiscount: number;
  pointsEarned: Points;
  /** The line's share of the reward's points, for giving them back on a return. */
  pointsRedeemed: Points;
};

export type PlannedLiabilityLine<C extends SaleGiftCard = SaleGiftCard> = {
  index: number;
  amount: Minor;
  sells:
    | { kind: 'store_credit'; customerId: string }
    /** `create`: a digital card made by this sale, inserted before it is activated. */
    | { kind: 'gift_card'; card: C; create: boolean; operation: GiftCardOperation };
};

export type SalePlanTotals = SaleTotals & {
  liabilityTotal: number;
  groupDiscountTotal: number;
  rewardDiscountTotal: number;
};

/** A sale priced as it would be written: everything but how it is paid. */
export type PricedSalePlan<C extends SaleGiftCard = SaleGiftCard> = {
  customerId: string | null;
  completedAt: Date;
  currency: string;
  pricingMode: PricingMode;
  productLines: PlannedProductLine[];
  liabilityLines: PlannedLiabilityLine<C>[];
  loyalty: PlannedLoyalty | null;
  totals: SalePlanTotals;
  pointsEarned: Points;
  pointsRedeemed: Points;
};

/** How a sale is to be paid, as asked: settled again under the accounts' locks at the write. */
export type PaymentPlan = { total: number; currency: string; tenders: TenderInput[] };

export type SalePlan<C extends SaleGiftCard = SaleGiftCard> = PricedSalePlan<C> & {
  payment: PaymentPlan;
};

const sum = (amounts: readonly number[]) => amounts.reduce((total, amount) => total + amount, 0);

/** Prices a sale: products by the outlet's rules, loyalty's discounts and points, stored value sold. */
export function planPricedSale<C extends SaleGiftCard>(
  facts: SaleFacts<C>,
  request: SaleRequest,
): Result<PricedSalePlan<C>> {
  const { lines } = request;
  if (lines.length === 0) return invalid('lines', 'a sale needs at least one line');
  if (lines.length > 500) return invalid('lines', 'a sale may have at most 500 lines');
  const products = priceProductLines(lines, facts.products, facts.outlet);
  if (!products.ok) return products;
  if (request.externalRef) {
    const checked = checkFreeText(request.externalRef, 'externalRef');
    if (!checked.ok) return checked;
  }
  if (facts.customer && !facts.customer.ok) return facts.customer;
  const customerId = facts.customer?.value.id ?? null;
  const loyalty = planLoyalty({
    facts,
    customerId,
    lines: products.value,
    rewardId: request.rewardId,
  });
  if (!loyalty.ok) return loyalty;
  const liabilityLines = planLiabilityLines({ facts, customerId, lines });
  if (!liabilityLines.ok) return liabilityLines;
  const productLines = loyalty.value.lines;
  const liabilityTotal = sum(liabilityLines.value.map((line) => line.amount));
  const productTotals = saleTotals(productLines.map((line) => line.priced));
  const planned = loyalty.value.loyalty;
  return ok({
    customerId,
    completedAt: facts.completedAt,
    currency: facts.outlet.currency,
    pricingMode: facts.outlet.pricingMode,
    productLines,
    liabilityLines: liabilityLines.value,
    loyalty: planned,
    totals: {
      ...productTotals,
      subtotal: productTotals.subtotal + liabilityTotal,
      total: productTotals.total + liabilityTotal,
      liabilityTotal,
      groupDiscountTotal: sum(productLines.map((line) => line.groupDiscount)),
      rewardDiscountTotal: sum(productLines.map((line) => line.rewardDiscount)),
    },
    pointsEarned: planned?.earning.total ?? noPoints,
    pointsRedeemed: planned?.reward?.pointsCost ?? noPoints,
  });
}

/**
 * The whole sale: priced, then paid. An exchange's credit (from its return) pays first.
 * The tenders are settled here too, so a sale that cannot be paid is refused before any
 * lock is taken; the write settles again with the balances read under the locks.
 */
export function planSale<C extends SaleGiftCard>(
  facts: SaleFacts<C>,
  request: SaleRequest & { tenders: readonly TenderRequest[]; exchangeCredit?: number },
): Result<SalePlan<C>> {
  const priced = planPricedSale(facts, request);
  if (!priced.ok) return priced;
  const { total } = priced.value.totals;
  const tenders = planTenderInputs({
    facts,
    customerId: priced.value.customerId,
    tenders: request.tenders,
  });
  if (!tenders.ok) return tenders;
  const credit = Math.min(request.exchangeCredit ?? 0, total);
  const payment: PaymentPlan = {
    total,
    currency: facts.outlet.currency,
    tenders: [
      ...(credit > 0 ? [{ kind: 'exchange' as const, amount: credit }] : []),
      ...tenders.value,
    ],
  };
  const settled = settleTenders(payment.total, payment.tenders, payment.currency);
  if (!settled.ok) return settled;
  return ok({ ...priced.value, payment });
}
