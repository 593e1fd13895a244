import { points, type Points } from '@domain/units.ts';
// How points, rates and rewards read to people: basis points never show as such
// (500 -> "5%", 20000 -> "×2"), money goes through money.ts.
import type { GroupRule } from '@contract/customers.ts';
import type { GroupBenefit, Reward } from '@contract/loyalty.ts';
import { formatMoney } from './money.ts';

const grouping = new Intl.NumberFormat('en-GB');

/** "1,250 points", "1 point", "-10 points". */
export function formatPoints(points: number): string {
  return `${grouping.format(points)} ${Math.abs(points) === 1 ? 'point' : 'points'}`;
}

/** "+25", "-10", "0": a change of points in a log. */
export function signedPoints(points: number): string {
  return points > 0 ? `+${grouping.format(points)}` : grouping.format(points);
}

/** Basis points as a plain decimal without trailing zeros: 1250 / 100 -> "12.5". */
function decimal(value: number, scale: number): string {
  const whole = Math.trunc(value / scale);
  const rest = Math.abs(value % scale);
  if (rest === 0) return String(whole);
  const digits = String(scale).length - 1;
  const fraction = String(rest).padStart(digits, '0').replace(/0+$/, '');
  return `${value < 0 && whole === 0 ? '-' : ''}${whole}.${fraction}`;
}

/** 500 -> "5%", 1250 -> "12.5%". */
export function formatPercentBp(bp: number): string {
  return `${decimal(bp, 100)}%`;
}

/** 20000 -> "×2", 15000 -> "×1.5", 10000 -> "×1". */
export function formatMultiplierBp(bp: number): string {
  return `×${decimal(bp, 10_000)}`;
}

/** "5" or "12.5" as typed into a percentage box -> basis points; null when it is not one. */
export function parsePercentBp(text: string): number | null {
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text.trim().replace(/%$/, '').trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0') || '0');
}

/** "2", "×1.5", "1.25" as typed into a multiplier box -> basis points; null when not one. */
export function parseMultiplierBp(text: string): number | null {
  const cleaned = text
    .trim()
    .replace(/^[×x*]\s*/i, '')
    .trim();
  const match = /^(\d{1,2})(?:[.,](\d{1,4}))?$/.exec(cleaned);
  if (!match) return null;
  return Number(match[1]) * 10_000 + Number((match[2] ?? '').padEnd(4, '0') || '0');
}

/** "5" -> 5; null unless a whole number (a leading - allowed when `signed`). */
export function parseWhole(text: string, signed = false): number | null {
  const trimmed = text.trim().replace(/[\s,]/g, '');
  const pattern = signed ? /^[-+]?\d{1,9}$/ : /^\d{1,9}$/;
  return pattern.test(trimmed) ? Number(trimmed) : null;
}

/** A whole number of points as typed ("1,000" -> 1000), of the points type the API takes. */
export function parsePoints(text: string, signed = false): Points | null {
  const whole = parseWhole(text, signed);
  return whole === null ? null : points(whole);
}

/** What the reward gives: "£1.00 off", "10% off", "SOCK-3 free". */
export function rewardBenefit(reward: Reward, currency: string): string {
  if (reward.kind === 'amount_off') return `${formatMoney(reward.amount ?? 0, currency)} off`;
  if (reward.kind === 'percent_off') return `${formatPercentBp(reward.percentBp ?? 0)} off`;
  return `${reward.productSku ?? 'a product'} free`;
}

/** A group's benefits: "5% off · ×1.5 points", or "no discount" for a plain tier. */
export function groupBenefits(group: Pick<GroupBenefit, 'discountBp' | 'earnMultiplierBp'>) {
  const parts = [
    ...(group.discountBp > 0 ? [`${formatPercentBp(group.discountBp)} off`] : []),
    ...(group.earnMultiplierBp !== 10_000
      ? [`${formatMultiplierBp(group.earnMultiplierBp)} points`]
      : []),
  ];
  return parts.length === 0 ? 'no discount' : parts.join(' · ');
}

/** "spent £500.00 or more in 12 months", "4 or more visits in 30 days". */
export function describeGroupRule(rule: GroupRule | null, currency: string): string {
  if (rule === null) return 'members added by hand';
  if (rule.type === 'spend') {
    const months = rule.months === 1 ? 'the last month' : `the last ${rule.months} months`;
    return `spent ${formatMoney(rule.minSpend, currency)} or more in ${months}`;
  }
  const days = rule.days === 1 ? 'the last day' : `the last ${rule.days} days`;
  return `${rule.minVisits} or more visit${rule.minVisits === 1 ? '' : 's'} in ${days}`;
}
