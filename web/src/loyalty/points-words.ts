import type { BonusReasonCode } from '@contract/loyalty.ts';

/** How the kinds of points events read to staff. */
const kindWords: Readonly<Record<string, string>> = {
  ACCUMULATE: 'Earned on a purchase',
  PROMOTION: 'Promotion bonus',
  SIGNUP_BONUS: 'Sign-up bonus',
  REDEEM: 'Spent on a reward',
  ADJUST: 'Given or taken by staff',
  EXPIRE: 'Expired',
  REVERSE: 'Returned items',
};

export function pointsKindLabel(kind: string): string {
  return kindWords[kind] ?? kind;
}

/** One event in the log: by hand, say which way the points went. */
export function pointsEventLabel(event: { kind: string; points: number }): string {
  if (event.kind === 'ADJUST') return event.points > 0 ? 'Bonus from staff' : 'Taken off by staff';
  return pointsKindLabel(event.kind);
}

/** The order the explanation lists the kinds in: what came in, then what went out. */
export const kindOrder: readonly string[] = [
  'SIGNUP_BONUS',
  'ACCUMULATE',
  'PROMOTION',
  'ADJUST',
  'REDEEM',
  'REVERSE',
  'EXPIRE',
];

export const reasonCodeLabel: Readonly<Record<BonusReasonCode, string>> = {
  goodwill: 'Goodwill',
  service_recovery: 'Making up for a problem',
  birthday: 'Birthday',
  promotion_missed: 'Missed promotion',
  correction: 'Correction',
  other: 'Other',
};

export function reasonLabel(code: string | null): string {
  if (code === null) return '';
  return (reasonCodeLabel as Record<string, string>)[code] ?? code;
}
