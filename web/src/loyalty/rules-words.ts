import { formatMultiplierBp, formatPoints } from '../common/loyalty-format.ts';
import { formatMoney } from '../common/money.ts';
import type { LoyaltyRules } from '@contract/loyalty.ts';

/** The rules in a few words: "1 point per £10.00 (tax included) · 50 points to join · ...". */
export function describeRules(rules: LoyaltyRules, currency: string): string {
  if (!rules.enabled) return 'Programme off: nothing is earned, rewards cannot be redeemed';
  const parts = [
    `1 point per ${formatMoney(rules.spendPerPoint, currency)} (${rules.earnOn === 'gross' ? 'tax included' : 'tax excluded'})`,
  ];
  if (rules.signupBonus > 0) parts.push(`${formatPoints(rules.signupBonus)} for joining`);
  parts.push(
    rules.expiryMonths === null
      ? 'points never expire'
      : `points expire at the end of the month ${rules.expiryMonths} month${rules.expiryMonths === 1 ? '' : 's'} after they were earned`,
  );
  if (rules.excludedCategories.length > 0) {
    parts.push(`nothing earned on ${rules.excludedCategories.join(', ')}`);
  }
  const weights = Object.entries(rules.categoryMultipliers);
  if (weights.length > 0) {
    parts.push(weights.map(([category, bp]) => `${category} ${formatMultiplierBp(bp)}`).join(', '));
  }
  if (rules.allowNegativeBalance) parts.push('returns may take balances below zero');
  return parts.join(' · ');
}
