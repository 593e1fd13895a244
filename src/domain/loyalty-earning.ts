import type { LoyaltyRules } from './loyalty-rules.ts';
import { noPoints, points, sumPoints, type Minor, type Points } from './units.ts';
import { prorate } from './money.ts';

export const promotionKinds = ['multiplier', 'bonus'] as const;
export type PromotionKind = (typeof promotionKinds)[number];

export type Promotion = {
  id: string;
  name: string;
  kind: PromotionKind;
  multiplierBp: number | null;
  bonusPoints: Points | null;
  /** Empty: every category. */
  categories: string[];
  minSpend: Minor;
  startsAt: Date;
  endsAt: Date;
};

/** A product line as paid, after every discount. */
export type EarningLine = { category: string | null; total: number; tax: number };

export type Earning = {
  /** Points by the program's rules (with any group multiplier). */
  basePoints: Points;
  /** The one promotion that gave the most, and the points it added. */
  promotion: { id: string; name: string; points: Points } | null;
  total: Points;
  /** Each line's share of `total`, adding up to it exactly (returns take these back). */
  perLine: Points[];
  /** What the explain view shows. */
  explanation: {
    spendPerPoint: number;
    earnOn: 'gross' | 'net';
    groupMultiplierBp: number;
    lines: { amount: number; weightBp: number }[];
  };
};

const normal = 10_000n;

function lineWeight(rules: LoyaltyRules, category: string | null): number {
  if (category !== null && rules.excludedCategories.includes(category)) return 0;
  return (category !== null ? rules.categoryMultipliers[category] : undefined) ?? 10_000;
}

function inPromotion(promotion: Promotion, category: string | null): boolean {
  return (
    promotion.categories.length === 0 ||
    (category !== null && promotion.categories.includes(category))
  );
}

/**
 * What a sale earns: each line's amount (with or without tax, by the rules) weighted by
 * its category and the customer's group, summed, and divided by the spend per point,
 * rounded down once for the whole sale (105.00 at one point per 10.00 earns 10). Of the
 * promotions running when the sale was made, the one that adds most applies.
 */
export function computeEarning(
  rules: LoyaltyRules,
  lines: readonly EarningLine[],
  promotions: readonly Promotion[],
  options: { at: Date; groupMultiplierBp: number },
): Earning {
  const amounts = lines.map((line) =>
    rules.earnOn === 'net' ? line.total - line.tax : line.total,
  );
  const weights = lines.map((line) => lineWeight(rules, line.category));
  const group = BigInt(options.groupMultiplierBp);
  const divisor = BigInt(rules.spendPerPoint) * normal * normal;
  // Weighted amounts in (minor units x basis points x basis points), exact in BigInt.
  const weighted = amounts.map(
    (amount, index) => BigInt(Math.max(0, amount)) * BigInt(weights[index]!) * group,
  );
  const pointsOf = (values: bigint[]) =>
    points(Number(values.reduce((sum, value) => sum + value, 0n) / divisor));
  const basePoints = rules.enabled ? pointsOf(weighted) : noPoints;
  const spend = amounts.reduce((sum, amount) => sum + amount, 0);

  let best: { promotion: Promotion; points: Points; weighted: bigint[] } | null = null;
  for (const promotion of rules.enabled ? promotions : []) {
    if (options.at < promotion.startsAt || options.at >= promotion.endsAt) continue;
    if (spend < promotion.minSpend) continue;
    const applies = lines.map((line) => inPromotion(promotion, line.category));
    if (!applies.some(Boolean)) continue;
    let boosted = weighted;
    let extra: Points;
    if (promotion.kind === 'multiplier') {
      boosted = weighted.map((value, index) =>
        applies[index] ? (value * BigInt(promotion.multiplierBp ?? 10_000)) / normal : value,
      );
      extra = points(pointsOf(boosted) - basePoints);
    } else {
      extra = promotion.bonusPoints ?? noPoints;
    }
    if (extra > 0 && (!best || extra > best.points))
      best = { promotion, points: extra, weighted: boosted };
  }

  const total = points(basePoints + (best?.points ?? 0));
  const shares = (best?.weighted ?? weighted).map((value) => Number(value / normal));
  const perLine =
    lines.length === 0
      ? []
      : prorate(
          total,
          shares.some((share) => share > 0) ? shares : amounts.map((a) => Math.max(0, a)),
        );
  return {
    basePoints,
    promotion: best
      ? { id: best.promotion.id, name: best.promotion.name, points: best.points }
      : null,
    total,
    perLine,
    explanation: {
      spendPerPoint: rules.spendPerPoint,
      earnOn: rules.earnOn,
      groupMultiplierBp: options.groupMultiplierBp,
      lines: amounts.map((amount, index) => ({ amount, weightBp: weights[index]! })),
    },
  };
}

/**
 * Points back for returning `units` more of a line: the line's points split over its
 * units by the one `prorate`, the next units' parts. However a line comes back (at once
 * or bit by bit), the points taken back add up to what it earned, never more.
 */
export function pointsForUnits(
  linePoints: Points,
  line: { quantity: number; returnedQuantity: number },
  units: number,
): Points {
  if (linePoints === 0 || units <= 0) return noPoints;
  return sumPoints(
    prorate(
      linePoints,
      Array.from({ length: line.quantity }, () => 1),
    ).slice(line.returnedQuantity, line.returnedQuantity + units),
  );
}

/**
 * The points a sale's lines still stand for: what each line earned less its returned
 * units' share (the first units', as returns take them in order). What moves to the
 * customer a sale is attached to, and back off the one it is detached from.
 */
export function pointsKept(
  lines: readonly { pointsEarned: Points; quantity: number; returnedQuantity: number }[],
): Points {
  return sumPoints(
    lines.map(
      (line) =>
        line.pointsEarned -
        pointsForUnits(
          line.pointsEarned,
          { quantity: line.quantity, returnedQuantity: 0 },
          line.returnedQuantity,
        ),
    ),
  );
}
