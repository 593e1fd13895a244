import {
  formatMultiplierBp,
  parseMultiplierBp,
  parsePoints,
  parseWhole,
} from '../common/loyalty-format.ts';
import { formatAmount, parseAmount } from '../common/money.ts';
import { fromLocalInput } from '../common/datetime-input.ts';
import { splitList } from '../common/format.ts';
import type { LoyaltyRules, LoyaltyRulesChangeBody } from '@contract/loyalty.ts';

/** The rules as the form edits them: text as typed. */
export type RulesFields = {
  enabled: boolean;
  /** Money per point, e.g. "10.00". */
  spendPerPoint: string;
  earnOn: 'gross' | 'net';
  excludedCategories: string;
  multipliers: { category: string; multiplier: string }[];
  signupBonus: string;
  /** Empty: points never expire. */
  expiryMonths: string;
  allowNegativeBalance: boolean;
  /** datetime-local; empty: from now. */
  effectiveFrom: string;
};

export function rulesToFields(rules: LoyaltyRules, currency: string): RulesFields {
  return {
    enabled: rules.enabled,
    spendPerPoint: formatAmount(rules.spendPerPoint, currency),
    earnOn: rules.earnOn,
    excludedCategories: rules.excludedCategories.join(', '),
    multipliers: Object.entries(rules.categoryMultipliers).map(([category, bp]) => ({
      category,
      multiplier: formatMultiplierBp(bp).replace('×', ''),
    })),
    signupBonus: String(rules.signupBonus),
    expiryMonths: rules.expiryMonths === null ? '' : String(rules.expiryMonths),
    allowNegativeBalance: rules.allowNegativeBalance,
    effectiveFrom: '',
  };
}

export type Checked =
  | { ok: true; rules: LoyaltyRules; effectiveFrom: string | null }
  | { ok: false; field: string; message: string };

/** Reads the form back into rules, naming the first field that is not right. */
export function fieldsToRules(fields: RulesFields, currency: string): Checked {
  const spend = parseAmount(fields.spendPerPoint, currency);
  if (spend === null || spend <= 0) {
    return { ok: false, field: 'spendPerPoint', message: 'Type the spend per point, like 10.00.' };
  }
  const multipliers: Record<string, number> = {};
  for (const row of fields.multipliers) {
    const category = row.category.trim();
    if (category === '' && row.multiplier.trim() === '') continue;
    const bp = parseMultiplierBp(row.multiplier);
    if (category === '' || bp === null || bp > 100_000) {
      return {
        ok: false,
        field: 'categoryMultipliers',
        message: 'Each category needs a name and a multiplier like 2 or 1.5 (at most 10).',
      };
    }
    multipliers[category] = bp;
  }
  const signupBonus = parsePoints(fields.signupBonus || '0');
  if (signupBonus === null) {
    return {
      ok: false,
      field: 'signupBonus',
      message: 'The sign-up bonus is a whole number of points.',
    };
  }
  const expiry = fields.expiryMonths.trim() === '' ? null : parseWhole(fields.expiryMonths);
  if (fields.expiryMonths.trim() !== '' && (expiry === null || expiry < 1 || expiry > 120)) {
    return {
      ok: false,
      field: 'expiryMonths',
      message: 'Expiry is 1 to 120 months, or empty for never.',
    };
  }
  const effectiveFrom = fromLocalInput(fields.effectiveFrom);
  if (fields.effectiveFrom.trim() !== '' && effectiveFrom === null) {
    return {
      ok: false,
      field: 'effectiveFrom',
      message: 'Choose the date and time the rules start.',
    };
  }
  return {
    ok: true,
    effectiveFrom,
    rules: {
      enabled: fields.enabled,
      spendPerPoint: spend,
      earnOn: fields.earnOn,
      excludedCategories: splitList(fields.excludedCategories),
      categoryMultipliers: multipliers,
      signupBonus,
      expiryMonths: expiry,
      allowNegativeBalance: fields.allowNegativeBalance,
    },
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The PATCH body: only what changed (the server keeps the rest), or everything when the
 * programme has never had rules. Null when nothing would change.
 */
export function rulesChange(
  current: { version: number | null; rules: LoyaltyRules },
  next: LoyaltyRules,
  effectiveFrom: string | null,
): LoyaltyRulesChangeBody | null {
  const keys = Object.keys(next) as (keyof LoyaltyRules)[];
  const changed = keys.filter(
    (key) => current.version === null || !same(current.rules[key], next[key]),
  );
  if (changed.length === 0 && effectiveFrom === null) return null;
  const body: LoyaltyRulesChangeBody = Object.fromEntries(changed.map((key) => [key, next[key]]));
  return effectiveFrom === null ? body : { ...body, effectiveFrom };
}
