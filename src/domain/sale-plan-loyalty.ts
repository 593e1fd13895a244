import { bestBenefits, type GroupBenefit } from './customer-groups.ts';
import { computeEarning, type Earning } from './loyalty-earning.ts';
import type { LoyaltyRules } from './loyalty-rules.ts';
import { prorate } from './money.ts';
import { fail, invalid, ok, type Result } from './result.ts';
import { percentOff, rewardDiscounts, type DiscountableLine, type Reward } from './rewards.ts';
import { priceLine, type PricedLine, type PricingMode } from './sales.ts';
import type { PricedProductLine } from './sale-plan-products.ts';
import { noPoints } from './units.ts';
import type { LoyaltyFacts, PlannedProductLine, SaleFacts, SaleGiftCard } from './sale-plan.ts';

/** What loyalty does to a sale, complete: the group, the reward, the points earned. */
export type PlannedLoyalty = {
  customerId: string;
  ruleVersion: number | null;
  rules: LoyaltyRules;
  /** The group whose discount applied (the customer's best). */
  group: { id: string; name: string; discountBp: number } | null;
  reward: Reward | null;
  earning: Earning;
};

/**
 * Loyalty's part of a sale: the customer's group discount and a redeemed reward come off
 * the lines (which are priced again), then the points the sale earns are worked out on
 * what the lines cost after every discount. Without a customer the lines stay as priced.
 */
export function planLoyalty<C extends SaleGiftCard>({
  facts,
  customerId,
  lines,
  rewardId,
}: {
  facts: SaleFacts<C>;
  customerId: string | null;
  lines: readonly PricedProductLine[];
  rewardId: string | undefined;
}): Result<{ lines: PlannedProductLine[]; loyalty: PlannedLoyalty | null }> {
  if (!customerId || !facts.loyalty) {
    if (rewardId) return invalid('rewardId', 'a reward needs the customer attached to the sale');
    return ok({ lines: lines.map((line) => withLoyalty(line, line.priced)), loyalty: null });
  }
  const loyalty = facts.loyalty;
  const discounts = loyaltyDiscounts(loyalty, lines, rewardId);
  if (!discounts.ok) return discounts;
  const { benefits, groupOff, rewardOff, reward } = discounts.value;
  const repriced: PricedLine[] = [];
  for (const [position, line] of lines.entries()) {
    const extra = groupOff[position]! + rewardOff[position]!;
    const priced = repriceLine(
      line.priced,
      extra,
      facts.outlet.pricingMode,
      `lines[${line.index}]`,
    );
    if (!priced.ok) return priced;
    repriced.push(priced.value);
  }
  const earning = computeEarning(
    loyalty.rules,
    lines.map((line, position) => ({
      category: line.product.category,
      total: repriced[position]!.total,
      tax: repriced[position]!.tax,
    })),
    loyalty.rules.enabled ? loyalty.promotions : [],
    { at: facts.completedAt, groupMultiplierBp: benefits.earnMultiplierBp },
  );
  // Each line's share of the reward's points, for giving them back on a return.
  const redeemed =
    reward && lines.length > 0
      ? prorate(
          reward.pointsCost,
          repriced.map((line) => line.total),
        )
      : lines.map(() => noPoints);
  return ok({
    lines: lines.map((line, position) =>
      withLoyalty(line, repriced[position]!, {
        groupDiscount: groupOff[position]!,
        rewardDiscount: rewardOff[position]!,
        pointsEarned: earning.perLine[position] ?? noPoints,
        pointsRedeemed: redeemed[position] ?? noPoints,
      }),
    ),
    loyalty: {
      customerId,
      ruleVersion: loyalty.ruleVersion,
      rules: loyalty.rules,
      group: benefits.discount ? groupOf(benefits.discount) : null,
      reward,
      earning,
    },
  });
}

/**
 * The group discount (the customer's best group) and the reward's, per line, on what each
 * line costs after its own discount; the reward's comes after the group's.
 */
function loyaltyDiscounts(
  loyalty: LoyaltyFacts,
  lines: readonly PricedProductLine[],
  rewardId: string | undefined,
): Result<{
  benefits: ReturnType<typeof bestBenefits>;
  groupOff: number[];
  rewardOff: number[];
  reward: Reward | null;
}> {
  const discountable = lines.map(({ product, priced }) => ({
    sku: product.sku,
    unitPrice: priced.unitPrice,
    quantity: priced.quantity,
    value: priced.unitPrice * priced.quantity - priced.discount,
  }));
  const benefits = bestBenefits(loyalty.groups);
  const groupOff = benefits.discount
    ? percentOff(discountable, benefits.discount.discountBp)
    : lines.map(() => 0);
  if (!rewardId) return ok({ benefits, groupOff, rewardOff: lines.map(() => 0), reward: null });
  const reward = redeemableReward(loyalty, discountable, groupOff);
  if (!reward.ok) return reward;
  return ok({ benefits, groupOff, rewardOff: reward.value.discounts, reward: reward.value.reward });
}

function groupOf(group: GroupBenefit): PlannedLoyalty['group'] {
  return { id: group.id, name: group.name, discountBp: group.discountBp };
}

function withLoyalty(
  line: PricedProductLine,
  priced: PricedLine,
  parts = { groupDiscount: 0, rewardDiscount: 0, pointsEarned: noPoints, pointsRedeemed: noPoints },
): PlannedProductLine {
  return { index: line.index, product: line.product, priced, ...parts };
}

/**
 * The reward asked for, and what it takes off each line after the group's discount. It
 * needs the program switched on and enough points (checked again, under lock, when the
 * points are spent).
 */
function redeemableReward(
  loyalty: LoyaltyFacts,
  lines: readonly DiscountableLine[],
  groupOff: readonly number[],
): Result<{ reward: Reward; discounts: number[] }> {
  const reward = loyalty.reward;
  if (!reward || !reward.active || !loyalty.rules.enabled) {
    return fail('reward_not_found', 'No active reward with that id', { field: 'rewardId' });
  }
  if (loyalty.balance < reward.pointsCost) {
    return fail(
      'insufficient_points',
      `This reward needs ${reward.pointsCost} points; the customer has ${loyalty.balance}`,
      { field: 'rewardId', details: { balance: loyalty.balance, pointsCost: reward.pointsCost } },
    );
  }
  const discounts = rewardDiscounts(
    reward,
    lines.map((line, index) => ({ ...line, value: line.value - groupOff[index]! })),
  );
  return discounts.ok ? ok({ reward, discounts: discounts.value }) : discounts;
}

/** Prices a line again with loyalty's discounts added to its own. */
function repriceLine(
  line: PricedLine,
  extraDiscount: number,
  mode: PricingMode,
  field: string,
): Result<PricedLine> {
  if (extraDiscount === 0) return ok(line);
  return priceLine(
    {
      unitPrice: line.unitPrice,
      quantity: line.quantity,
      discount: line.discount + extraDiscount,
      taxRateBp: line.taxRateBp,
    },
    mode,
    field,
  );
}
