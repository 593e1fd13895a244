import { formatDate } from '../common/format.ts';
import { formatMultiplierBp, formatPoints } from '../common/loyalty-format.ts';
import { formatMoney } from '../common/money.ts';
import type { LoyaltyEvent } from '@contract/loyalty.ts';
import { reasonLabel } from './points-words.ts';

const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;
const whole = (value: unknown): number | null =>
  typeof value === 'number' && Number.isSafeInteger(value) ? value : null;

/** "£24.00 spent (tax included) at 1 point per £10.00 · ×1.5 for the group". */
function earningDetails(details: Record<string, unknown>, currency: string): string[] {
  const perPoint = whole(details.spendPerPoint);
  const lines = Array.isArray(details.lines) ? (details.lines as unknown[]) : [];
  const weighted = lines.flatMap((line) => {
    if (typeof line !== 'object' || line === null) return [];
    const { amount, weightBp } = line as Record<string, unknown>;
    const a = whole(amount);
    const w = whole(weightBp);
    return a === null || w === null ? [] : [{ amount: a, weightBp: w }];
  });
  const parts: string[] = [];
  const counted = weighted.filter((line) => line.weightBp > 0);
  const spent = counted.reduce((sum, line) => sum + line.amount, 0);
  const tax = details.earnOn === 'net' ? 'tax excluded' : 'tax included';
  if (perPoint !== null) {
    parts.push(
      `${formatMoney(spent, currency)} spent (${tax}) at 1 point per ${formatMoney(perPoint, currency)}`,
    );
  }
  const excluded = weighted.filter((line) => line.weightBp === 0);
  if (excluded.length > 0) {
    const amount = excluded.reduce((sum, line) => sum + line.amount, 0);
    parts.push(`${formatMoney(amount, currency)} in categories that earn nothing`);
  }
  const boosted = [...new Set(counted.map((line) => line.weightBp))].filter((w) => w !== 10_000);
  if (boosted.length > 0) {
    parts.push(`some items count ${boosted.map(formatMultiplierBp).join(', ')}`);
  }
  const group = whole(details.groupMultiplierBp);
  if (group !== null && group !== 10_000) parts.push(`${formatMultiplierBp(group)} for the group`);
  return parts;
}

/**
 * What one points event was for, in words: the purchase and how it earned, the
 * promotion, the reward, the reason given, the rules version it followed.
 */
export function describePointsEvent(event: LoyaltyEvent, currency: string): string {
  const { details } = event;
  const parts: string[] = [];
  switch (event.kind) {
    case 'ACCUMULATE':
      parts.push(...earningDetails(details, currency));
      break;
    case 'PROMOTION':
      parts.push(`Promotion: ${text(details.promotion) ?? 'a promotion'}`);
      break;
    case 'REDEEM':
      parts.push(`Reward: ${text(details.reward) ?? 'a reward'}`);
      break;
    case 'SIGNUP_BONUS':
      parts.push('Welcome bonus for joining');
      break;
    case 'EXPIRE': {
      const lots = Array.isArray(details.lots) ? details.lots.length : 0;
      if (lots > 0) parts.push(`${lots} lot${lots === 1 ? '' : 's'} of points past expiry`);
      break;
    }
    case 'REVERSE': {
      parts.push(text(details.reversal) ?? 'Items returned');
      const writtenOff = whole(details.writtenOff);
      if (writtenOff !== null && writtenOff > 0) {
        parts.push(`${formatPoints(writtenOff)} not taken back (the balance would go below zero)`);
      }
      break;
    }
  }
  if (event.reasonCode !== null) parts.push(reasonLabel(event.reasonCode));
  if (event.reason !== null) parts.push(`“${event.reason}”`);
  if (text(details.mergedId) !== null) parts.push('moved over when two customers were merged');
  if (event.ruleVersion !== null) parts.push(`rules version ${event.ruleVersion}`);
  return parts.join(' · ');
}

/** "Test supervisor", or "Test cashier, approved by Test supervisor". */
export function describeWho(event: LoyaltyEvent): string {
  const who = event.staffName ?? '—';
  return event.approvedByName !== null && event.approvedByName !== event.staffName
    ? `${who}, approved by ${event.approvedByName}`
    : who;
}

export function expiryLine(lot: { points: number; expiresAt: string }): string {
  return `${formatPoints(lot.points)} expire on ${formatDate(lot.expiresAt)}`;
}
