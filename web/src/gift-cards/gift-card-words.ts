import type { GiftCardState } from '@contract/stored-value.ts';

export const stateLabel: Record<GiftCardState, string> = {
  PENDING: 'not sold yet',
  ACTIVE: 'active',
  BLOCKED: 'blocked',
  DEACTIVATED: 'deactivated',
};

export function stateBadge(state: GiftCardState, expired: boolean): string {
  return state === 'ACTIVE' && !expired ? 'badge ok' : state === 'PENDING' ? 'badge' : 'badge warn';
}

/** The number in groups of four, as printed on the card. */
export function groupedNumber(number: string): string {
  return number.replace(/(\d{4})(?=\d)/g, '$1 ');
}
