import { noPoints } from './units.ts';
import { invalid, ok, type Result } from './result.ts';

import type { Points } from './units.ts';

/** Points are whole numbers of their own kind, never money (see units.ts). */
export type { Points };

/** The program's rules; every change is a new version, and a sale earns by its own. */
export type LoyaltyRules = {
  enabled: boolean;
  /** Minor units of spend per point, rounded down: 1000 is one point per 10.00. */
  spendPerPoint: number;
  /** Earn on what the customer paid including tax ('gross') or excluding it ('net'). */
  earnOn: 'gross' | 'net';
  excludedCategories: string[];
  /** Category weights in basis points: 20000 earns double on that category. */
  categoryMultipliers: Record<string, number>;
  signupBonus: Points;
  /** Points expire at the end of the month this many months after they were earned. */
  expiryMonths: number | null;
  /** Whether taking back points (a return) may leave a balance below zero. */
  allowNegativeBalance: boolean;
};

export const defaultLoyaltyRules: LoyaltyRules = {
  enabled: true,
  spendPerPoint: 1000,
  earnOn: 'gross',
  excludedCategories: [],
  categoryMultipliers: {},
  signupBonus: noPoints,
  expiryMonths: null,
  allowNegativeBalance: false,
};

const wholeAtLeast = (value: unknown, minimum: number): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= minimum;

/** Checks a complete rule set; every problem names its field. */
export function validateLoyaltyRules(input: LoyaltyRules): Result<LoyaltyRules> {
  if (!wholeAtLeast(input.spendPerPoint, 1)) {
    return invalid('spendPerPoint', 'spendPerPoint must be a whole number of minor units above 0');
  }
  if (input.earnOn !== 'gross' && input.earnOn !== 'net') {
    return invalid('earnOn', "earnOn must be 'gross' (tax included) or 'net' (tax excluded)");
  }
  for (const [category, weight] of Object.entries(input.categoryMultipliers)) {
    if (!wholeAtLeast(weight, 0) || weight > 100_000) {
      return invalid(
        `categoryMultipliers.${category}`,
        'a category multiplier is in basis points from 0 to 100000 (10000 = normal); never negative',
      );
    }
  }
  if (!wholeAtLeast(input.signupBonus, 0)) {
    return invalid('signupBonus', 'signupBonus must be a whole number of points, 0 or more');
  }
  if (
    input.expiryMonths !== null &&
    (!wholeAtLeast(input.expiryMonths, 1) || input.expiryMonths > 120)
  ) {
    return invalid(
      'expiryMonths',
      'expiryMonths must be 1–120, or null for points that never expire',
    );
  }
  const categories = input.excludedCategories.map((category) => category.trim()).filter(Boolean);
  return ok({ ...input, excludedCategories: [...new Set(categories)] });
}

/** The end of the month `months` after `earnedAt` (UTC): when points earned then expire. */
export function pointsExpiry(earnedAt: Date, months: number | null): Date | null {
  if (months === null) return null;
  return new Date(Date.UTC(earnedAt.getUTCFullYear(), earnedAt.getUTCMonth() + months + 1, 1) - 1);
}
