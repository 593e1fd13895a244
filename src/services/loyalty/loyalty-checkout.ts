import { pointsExpiry } from '../../domain/loyalty-rules.ts';
import { ok, type Result } from '../../domain/result.ts';
import type { PlannedLoyalty } from '../../domain/sale-plan-loyalty.ts';
import { negate } from '../../domain/units.ts';
import type { Db } from '../../store/database.ts';
import type { Actor } from '../platform/context.ts';
import { changePoints } from './loyalty-ledger.ts';

/**
 * Writes the sale's points inside its transaction: the reward's points spent first (never
 * more than held, never expired points), then the points earned and any promotion's.
 */
export async function writeSaleLoyalty({
  trx,
  actor,
  loyalty,
  sale,
}: {
  trx: Db;
  actor: Actor;
  loyalty: PlannedLoyalty;
  sale: { id: string; keyPrefix: string; at: Date };
}): Promise<Result<void>> {
  const common = {
    customerId: loyalty.customerId,
    saleId: sale.id,
    ruleVersion: loyalty.ruleVersion,
    mayGoNegative: loyalty.rules.allowNegativeBalance,
  };
  if (loyalty.reward) {
    const spent = await changePoints({
      trx,
      actor,
      change: {
        ...common,
        kind: 'REDEEM',
        points: negate(loyalty.reward.pointsCost),
        spend: true,
        rewardId: loyalty.reward.id,
        details: { reward: loyalty.reward.name },
        idempotencyKey: `${sale.keyPrefix}:loyalty:redeem`,
      },
      at: sale.at,
    });
    if (!spent.ok) return spent;
  }
  const earning = loyalty.earning;
  const expiresAt = pointsExpiry(sale.at, loyalty.rules.expiryMonths);
  if (earning.basePoints > 0) {
    const earned = await changePoints({
      trx,
      actor,
      change: {
        ...common,
        kind: 'ACCUMULATE',
        points: earning.basePoints,
        expiresAt,
        details: earning.explanation,
        idempotencyKey: `${sale.keyPrefix}:loyalty:earn`,
      },
      at: sale.at,
    });
    if (!earned.ok) return earned;
  }
  if (earning.promotion) {
    const bonus = await changePoints({
      trx,
      actor,
      change: {
        ...common,
        kind: 'PROMOTION',
        points: earning.promotion.points,
        expiresAt,
        promotionId: earning.promotion.id,
        details: { promotion: earning.promotion.name },
        idempotencyKey: `${sale.keyPrefix}:loyalty:promotion`,
      },
      at: sale.at,
    });
    if (!bonus.ok) return bonus;
  }
  return ok(undefined);
}
