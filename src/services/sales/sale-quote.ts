import { ok, type Result } from '../../domain/result.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import { priceSale, type SalePricingInput } from './sales.ts';

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
 * Prices a basket without selling it: the same path as a sale (outlet pricing, group
 * discount, reward, points earned), so the amount the till asks for is the amount the sale
 * will need. Nothing is written and no points or balances are held.
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
  const priced = await priceSale({ deps, actor, input });
  if (!priced.ok) return priced;
  const { context, lines, loyalty, totals } = priced.value;
  return ok({
    currency: context.outlet.currency,
    pricingMode: context.outlet.pricingMode,
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
    pointsEarned: loyalty?.earning?.total ?? 0,
    pointsRedeemed: loyalty?.reward?.pointsCost ?? 0,
    lines: lines.map(({ index, priced: line }) => ({
      line: index,
      discount: line.discount,
      tax: line.tax,
      total: line.total,
    })),
  });
}
