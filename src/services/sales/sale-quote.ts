import { planPricedSale } from '../../domain/sale-plan.ts';
import { ok, type Result } from '../../domain/result.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import { loadSaleFacts } from './sale-facts.ts';
import type { SalePricingInput } from './sales.ts';

/** What the till shows before payment: the sale priced exactly as it would be written. */
export type SaleQuote = {
  currency: string;
  pricingMode: 'tax_inclusive' | 'tax_exclusive';
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  /** What is to pay, tax and gift cards or credit sold included. */
  total: number;
  /** Gift cards and store credit sold: no tax, not spend. */
  liabilityTotal: number;
  group: { name: string; discountBp: number } | null;
  groupDiscountTotal: number;
  reward: { id: string; name: string; pointsCost: number } | null;
  rewardDiscountTotal: number;
  pointsEarned: number;
  pointsRedeemed: number;
  /** Product lines by their position in the request, after every discount. */
  lines: { line: number; discount: number; tax: number; total: number }[];
};

/**
 * Prices a basket without selling it: the sale's own load and decision (outlet pricing,
 * group discount, reward, points earned), so the amount the till asks for is the amount
 * the sale will need. Nothing is written and no points or balances are held.
 */
export async function quoteSale({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps;
  actor: Actor;
  input: SalePricingInput;
}): Promise<Result<SaleQuote>> {
  const loaded = await loadSaleFacts({ deps, actor, input });
  if (!loaded.ok) return loaded;
  const plan = planPricedSale(loaded.value.facts, input);
  if (!plan.ok) return plan;
  const { loyalty, totals } = plan.value;
  return ok({
    currency: plan.value.currency,
    pricingMode: plan.value.pricingMode,
    subtotal: totals.subtotal,
    discountTotal: totals.discountTotal,
    taxTotal: totals.taxTotal,
    total: totals.total,
    liabilityTotal: totals.liabilityTotal,
    group: loyalty?.group
      ? { name: loyalty.group.name, discountBp: loyalty.group.discountBp }
      : null,
    groupDiscountTotal: totals.groupDiscountTotal,
    reward: loyalty?.reward
      ? { id: loyalty.reward.id, name: loyalty.reward.name, pointsCost: loyalty.reward.pointsCost }
      : null,
    rewardDiscountTotal: totals.rewardDiscountTotal,
    pointsEarned: plan.value.pointsEarned,
    pointsRedeemed: plan.value.pointsRedeemed,
    lines: plan.value.productLines.map(({ index, priced }) => ({
      line: index,
      discount: priced.discount,
      tax: priced.tax,
      total: priced.total,
    })),
  });
}
