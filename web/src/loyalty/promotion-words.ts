import { formatMultiplierBp, formatPoints } from '../common/loyalty-format.ts';
import type { Promotion } from '@contract/loyalty.ts';

/** "×2 points" or "+50 points". */
export function promotionBenefit(
  promotion: Pick<Promotion, 'kind' | 'multiplierBp' | 'bonusPoints'>,
) {
  return promotion.kind === 'multiplier'
    ? `${formatMultiplierBp(promotion.multiplierBp ?? 10_000)} points`
    : `+${formatPoints(promotion.bonusPoints ?? 0)}`;
}

/** Whether it is running now, still to come, over, or switched off. */
export function promotionStatus(promotion: Promotion, now = Date.now()): string {
  if (!promotion.active) return 'switched off';
  if (now < new Date(promotion.startsAt).getTime()) return 'to come';
  if (now >= new Date(promotion.endsAt).getTime()) return 'over';
  return 'running';
}
