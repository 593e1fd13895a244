import type { Minor } from './units.ts';
import { invalid, ok, type Result } from './result.ts';

/** A group's members are picked by hand, or by a rule the hourly job applies. */
export const groupKinds = ['manual', 'rule'] as const;
export type GroupKind = (typeof groupKinds)[number];

/** Rule-based membership: spent at least X over N months, or at least N visits in D days. */
export type GroupRule =
  | { type: 'spend'; minSpend: Minor; months: number }
  | { type: 'visits'; minVisits: number; days: number };

export type GroupInput = {
  name: string;
  kind: GroupKind;
  rule: GroupRule | null;
  /** Discount on every product line at checkout, in basis points (500 = 5%). */
  discountBp: number;
  /** Earning multiplier in basis points (15000 = one and a half times the points). */
  earnMultiplierBp: number;
};

export type GroupBenefit = {
  id: string;
  name: string;
  discountBp: number;
  earnMultiplierBp: number;
};

const whole = (value: unknown, min: number, max: number): boolean =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;

export function validateGroup(input: GroupInput): Result<GroupInput> {
  const name = input.name.trim();
  if (name === '' || name.length > 60) return invalid('name', 'name must be 1–60 characters');
  if (!whole(input.discountBp, 0, 10_000)) {
    return invalid('discountBp', 'discountBp must be 0–10000 (basis points; 500 is 5%)');
  }
  if (!whole(input.earnMultiplierBp, 10_000, 100_000)) {
    return invalid('earnMultiplierBp', 'earnMultiplierBp must be 10000–100000 (10000 is normal)');
  }
  if (input.kind === 'manual') return ok({ ...input, name, rule: null });
  const rule = input.rule;
  if (!rule) return invalid('rule', 'a rule-based group needs its rule');
  if (rule.type === 'spend' && !(whole(rule.minSpend, 1, 1e12) && whole(rule.months, 1, 120))) {
    return invalid('rule', 'a spend rule needs minSpend above 0 (minor units) and months 1–120');
  }
  if (rule.type === 'visits' && !(whole(rule.minVisits, 1, 10_000) && whole(rule.days, 1, 3650))) {
    return invalid('rule', 'a visits rule needs minVisits above 0 and days 1–3650');
  }
  if (rule.type !== 'spend' && rule.type !== 'visits') {
    return invalid('rule.type', "rule.type must be 'spend' or 'visits'");
  }
  return ok({ ...input, name, rule });
}

/**
 * A customer in several groups gets the best of each benefit: the largest discount
 * (printed with its group's name) and the largest earning multiplier.
 */
export function bestBenefits(groups: readonly GroupBenefit[]): {
  discount: GroupBenefit | null;
  earnMultiplierBp: number;
} {
  const discount = groups
    .filter((group) => group.discountBp > 0)
    .sort((a, b) => b.discountBp - a.discountBp || a.name.localeCompare(b.name))[0];
  return {
    discount: discount ?? null,
    earnMultiplierBp: Math.max(10_000, ...groups.map((group) => group.earnMultiplierBp)),
  };
}
