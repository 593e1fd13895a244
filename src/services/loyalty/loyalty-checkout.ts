import { bestBenefits } from '../../domain/customer-groups.ts';
import { computeEarning, type Earning } from '../../domain/loyalty-earning.ts';
import { pointsExpiry, type LoyaltyRules } from '../../domain/loyalty-rules.ts';
import { prorate } from '../../domain/money.ts';
import { fail, invalid, ok, type Result } from '../../domain/result.ts';
import {
  percentOff,
  rewardDiscounts,
  type DiscountableLine,
  type Reward,
} from '../../domain/rewards.ts';
import { priceLine, type PricedLine, type PricingMode } from '../../domain/sales.ts';
import type { Db } from '../../store/database.ts';
import { selectGroupsOfCustomer } from '../../store/customer-groups.ts';
import { findLoyaltyBalance } from '../../store/loyalty.ts';
import { findReward, selectPromotionsAt } from '../../store/loyalty-program.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import { changePoints } from './loyalty-ledger.ts';
import { rulesAt } from './loyalty-program.ts';

/** What loyalty does to a sale: group discount, a reward, and the points it earns. */
export type LoyaltyPlan = {
  customerId: string;
  ruleVersion: number | null;
  rules: LoyaltyRules;
  group: { id: string; name: string; discountBp: number } | null;
  /** The best earning multiplier of the customer's groups (10000 = none). */
  groupMultiplierBp: number;
  reward: Reward | null;
  /** Per product line (in order): group discount, reward discount. */
  groupDiscounts: number[];
  rewardDiscounts: number[];
  earning: Earning | null;
  /** Each line's share of the reward's points, for giving them back on a return. */
  redeemedPerLine: number[];
};

/**
 * The group discount (the customer's best group) and the reward's discount, per line, on
 * what each line costs after its own discount. A reward needs the customer, the program
 * switched on, and enough points (checked again, under lock, when the sale is written).
 */
export async function planLoyaltyDiscounts({
  deps,
  customerId,
  lines,
  rewardId,
  at,
}: {
  deps: ServiceDeps;
  customerId: string | null;
  lines: readonly DiscountableLine[];
  rewardId: string | undefined;
  at: Date;
}): Promise<Result<LoyaltyPlan | null>> {
  if (!customerId) {
    return rewardId
      ? invalid('rewardId', 'a reward needs the customer attached to the sale')
      : ok(null);
  }
  const [{ version, rules }, groups] = await Promise.all([
    rulesAt(deps.db, at),
    selectGroupsOfCustomer(deps.db, customerId),
  ]);
  const benefits = bestBenefits(groups);
  const groupDiscounts = benefits.discount
    ? percentOff(lines, benefits.discount.discountBp)
    : lines.map(() => 0);
  let reward: Reward | null = null;
  let rewardOff = lines.map(() => 0);
  if (rewardId) {
    const found = await findReward(deps.db, rewardId);
    if (!found || !found.active || !rules.enabled) {
      return fail('reward_not_found', 'No active reward with that id', { field: 'rewardId' });
    }
    const balance = await findLoyaltyBalance(deps.db, customerId);
    if (balance < found.pointsCost) {
      return fail(
        'insufficient_points',
        `This reward needs ${found.pointsCost} points; the customer has ${balance}`,
        {
          field: 'rewardId',
          details: { balance, pointsCost: found.pointsCost },
        },
      );
    }
    const discounts = rewardDiscounts(
      found,
      lines.map((line, index) => ({ ...line, value: line.value - groupDiscounts[index]! })),
    );
    if (!discounts.ok) return discounts;
    reward = found;
    rewardOff = discounts.value;
  }
  return ok({
    customerId,
    ruleVersion: version,
    rules,
    group: benefits.discount
      ? {
          id: benefits.discount.id,
          name: benefits.discount.name,
          discountBp: benefits.discount.discountBp,
        }
      : null,
    reward,
    groupDiscounts,
    rewardDiscounts: rewardOff,
    earning: null,
    redeemedPerLine: lines.map(() => 0),
    groupMultiplierBp: benefits.earnMultiplierBp,
  });
}

/** Prices a line again with the loyalty discounts added to its own. */
export function repriceLine({
  line,
  extraDiscount,
  mode,
  field,
}: {
  line: PricedLine;
  extraDiscount: number;
  mode: PricingMode;
  field: string;
}): Result<PricedLine> {
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

/** The points the priced sale earns (by the rules and promotions in force at `at`). */
export async function planEarning({
  db,
  plan,
  lines,
  at,
}: {
  db: Db;
  plan: LoyaltyPlan;
  lines: readonly { category: string | null; priced: PricedLine }[];
  at: Date;
}): Promise<LoyaltyPlan> {
  const promotions = plan.rules.enabled ? await selectPromotionsAt(db, at) : [];
  const earning = computeEarning(
    plan.rules,
    lines.map((line) => ({
      category: line.category,
      total: line.priced.total,
      tax: line.priced.tax,
    })),
    promotions,
    { at, groupMultiplierBp: plan.groupMultiplierBp },
  );
  const redeemedPerLine =
    plan.reward && lines.length > 0
      ? prorate(
          plan.reward.pointsCost,
          lines.map((line) => line.priced.total),
        )
      : lines.map(() => 0);
  return { ...plan, earning, redeemedPerLine };
}

/**
 * Writes the sale's points inside its transaction: the reward's points spent first (never
 * more than held, never expired points), then the points earned and any promotion's.
 */
export async function writeSaleLoyalty({
  trx,
  actor,
  plan,
  sale,
}: {
  trx: Db;
  actor: Actor;
  plan: LoyaltyPlan;
  sale: { id: string; keyPrefix: string; at: Date };
}): Promise<Result<void>> {
  const common = {
    customerId: plan.customerId,
    saleId: sale.id,
    ruleVersion: plan.ruleVersion,
    mayGoNegative: plan.rules.allowNegativeBalance,
  };
  if (plan.reward) {
    const spent = await changePoints({
      trx,
      actor,
      change: {
        ...common,
        kind: 'REDEEM',
        points: -plan.reward.pointsCost,
        spend: true,
        rewardId: plan.reward.id,
        details: { reward: plan.reward.name },
        idempotencyKey: `${sale.keyPrefix}:loyalty:redeem`,
      },
      at: sale.at,
    });
    if (!spent.ok) return spent;
  }
  const earning = plan.earning;
  if (!earning) return ok(undefined);
  const expiresAt = pointsExpiry(sale.at, plan.rules.expiryMonths);
  if (earning.basePoints > 0) {
    const earned = await changePoints({
      trx,
      actor,
      change: {
        ...common,
        kind: 'ACCUMULATE',
        points: earning.basePoints,
        expiresAt,
        details: earning.explanation,
        idempotencyKey: `${sale.keyPrefix}:loyalty:earn`,
      },
      at: sale.at,
    });
    if (!earned.ok) return earned;
  }
  if (earning.promotion) {
    const bonus = await changePoints({
      trx,
      actor,
      change: {
        ...common,
        kind: 'PROMOTION',
        points: earning.promotion.points,
        expiresAt,
        promotionId: earning.promotion.id,
        details: { promotion: earning.promotion.name },
        idempotencyKey: `${sale.keyPrefix}:loyalty:promotion`,
      },
      at: sale.at,
    });
    if (!bonus.ok) return bonus;
  }
  return ok(undefined);
}
