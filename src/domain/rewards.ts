import { points, type Minor } from './units.ts';
import type { Points } from './loyalty-rules.ts';
import { divideRoundHalfUp, prorate } from './money.ts';
import { fail, invalid, ok, type Result } from './result.ts';

export const rewardKinds = ['amount_off', 'percent_off', 'free_product'] as const;
export type RewardKind = (typeof rewardKinds)[number];

export type Reward = {
  id: string;
  name: string;
  pointsCost: Points;
  kind: RewardKind;
  amount: Minor | null;
  percentBp: number | null;
  productSku: string | null;
  active: boolean;
};

export type RewardInput = Omit<Reward, 'id' | 'active'>;

export function validateReward(input: RewardInput): Result<RewardInput> {
  const name = input.name.trim();
  if (name === '' || name.length > 80) return invalid('name', 'name must be 1–80 characters');
  if (!Number.isSafeInteger(input.pointsCost) || input.pointsCost < 1) {
    return invalid('pointsCost', 'pointsCost must be a whole number of points above 0');
  }
  if (input.kind === 'amount_off' && !(Number.isSafeInteger(input.amount) && input.amount! > 0)) {
    return invalid('amount', 'an amount-off reward needs a positive amount in minor units');
  }
  if (
    input.kind === 'percent_off' &&
    !(Number.isSafeInteger(input.percentBp) && input.percentBp! > 0 && input.percentBp! <= 10_000)
  ) {
    return invalid('percentBp', 'a percent-off reward needs percentBp from 1 to 10000');
  }
  if (input.kind === 'free_product' && !input.productSku?.trim()) {
    return invalid('productSku', 'a free-product reward names the product by its SKU');
  }
  return ok({
    ...input,
    name,
    amount: input.kind === 'amount_off' ? input.amount : null,
    percentBp: input.kind === 'percent_off' ? input.percentBp : null,
    productSku: input.kind === 'free_product' ? input.productSku!.trim() : null,
  });
}

/** A product line before pricing: what it costs after its own (manual) discount. */
export type DiscountableLine = { sku: string; unitPrice: number; quantity: number; value: number };

/** A percentage off every line, as extra line discounts that add up exactly. */
export function percentOff(lines: readonly DiscountableLine[], percentBp: number): number[] {
  const total = lines.reduce((sum, line) => sum + line.value, 0);
  const discount = divideRoundHalfUp(total * percentBp, 10_000);
  return lines.length === 0
    ? []
    : prorate(
        Math.min(discount, total),
        lines.map((line) => line.value),
      );
}

/**
 * What a reward takes off each line. Amount off is spread over the lines by value (never
 * more than they cost); a free product takes one unit of that product off, so the
 * product must be in the sale.
 */
export function rewardDiscounts(
  reward: Reward,
  lines: readonly DiscountableLine[],
): Result<number[]> {
  const total = lines.reduce((sum, line) => sum + line.value, 0);
  if (reward.kind === 'percent_off') return ok(percentOff(lines, reward.percentBp ?? 0));
  if (reward.kind === 'amount_off') {
    if (total === 0)
      return invalid('rewardId', 'there is nothing in the sale to take the reward off');
    return ok(
      prorate(
        Math.min(reward.amount ?? 0, total),
        lines.map((line) => line.value),
      ),
    );
  }
  const index = lines.findIndex((line) => line.sku === reward.productSku && line.value > 0);
  if (index < 0) {
    return fail(
      'reward_not_applicable',
      `Scan the free product (${reward.productSku}) into the sale first`,
      {
        field: 'rewardId',
      },
    );
  }
  return ok(lines.map((line, i) => (i === index ? Math.min(line.unitPrice, line.value) : 0)));
}

/** What the till shows: rewards the balance covers, and how far the next one is. */
export function rewardsWithinReach(
  rewards: readonly Reward[],
  balance: Points,
): { available: Reward[]; next: { reward: Reward; pointsNeeded: Points } | null } {
  const active = rewards
    .filter((reward) => reward.active)
    .sort((a, b) => a.pointsCost - b.pointsCost);
  const available = active.filter((reward) => reward.pointsCost <= balance);
  const upcoming = active.find((reward) => reward.pointsCost > balance);
  return {
    available,
    next: upcoming
      ? { reward: upcoming, pointsNeeded: points(upcoming.pointsCost - balance) }
      : null,
  };
}
