import { negate, noPoints, type Points } from '../../domain/units.ts';
import { pointsToTakeBack } from '../../domain/loyalty-returns.ts';
import { pointsExpiry, type LoyaltyRules } from '../../domain/loyalty-rules.ts';
import { ok, type Result } from '../../domain/result.ts';
import type { Db } from '../../store/database.ts';
import { findLoyaltyBalance } from '../../store/loyalty.ts';
import type { Actor } from '../platform/context.ts';
import { changePoints } from './loyalty-ledger.ts';

/**
 * Writes a return's points: reward points spent come back first, then the points earned
 * on the returned items are taken back. When the rules do not let a balance go below
 * zero, only what the customer still has is taken and the rest is written off (and said
 * so in the event), so the refund itself is never refused over points.
 */
export async function writeReturnLoyalty({
  trx,
  actor,
  job,
}: {
  trx: Db;
  actor: Actor;
  job: {
    customerId: string | null;
    earnedBack: Points;
    redeemedBack: Points;
    rules: LoyaltyRules;
    ruleVersion: number | null;
    saleId: string;
    /** The sales the items were bought on: their points come off their own lots first. */
    originalSaleIds: readonly string[];
    keyPrefix: string;
    at: Date;
  };
}): Promise<Result<{ takenBack: Points }>> {
  if (!job.customerId || (job.earnedBack === 0 && job.redeemedBack === 0)) {
    return ok({ takenBack: noPoints });
  }
  const common = {
    customerId: job.customerId,
    kind: 'REVERSE' as const,
    saleId: job.saleId,
    ruleVersion: job.ruleVersion,
    mayGoNegative: job.rules.allowNegativeBalance,
  };
  if (job.redeemedBack > 0) {
    const restored = await changePoints({
      trx,
      actor,
      change: {
        ...common,
        points: job.redeemedBack,
        expiresAt: pointsExpiry(job.at, job.rules.expiryMonths),
        details: { reversal: 'reward points spent on the returned items' },
        idempotencyKey: `${job.keyPrefix}:loyalty:redeemed`,
      },
      at: job.at,
    });
    if (!restored.ok) return restored;
  }
  if (job.earnedBack === 0) return ok({ takenBack: noPoints });
  const balance = await findLoyaltyBalance(trx, job.customerId, { lock: true });
  const takenBack = pointsToTakeBack(job.earnedBack, balance, job.rules);
  if (takenBack === 0) return ok({ takenBack: noPoints });
  const reversed = await changePoints({
    trx,
    actor,
    change: {
      ...common,
      points: negate(takenBack),
      details: {
        reversal: 'points earned on the returned items',
        due: job.earnedBack,
        writtenOff: job.earnedBack - takenBack,
      },
      idempotencyKey: `${job.keyPrefix}:loyalty:earned`,
      fromSaleIds: job.originalSaleIds,
    },
    at: job.at,
  });
  return reversed.ok ? ok({ takenBack }) : reversed;
}
