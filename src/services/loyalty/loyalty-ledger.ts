import { points, type Points } from '../../domain/units.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { drawFromLots } from '../../domain/store-credit.ts';
import type { Db } from '../../store/database.ts';
import { newId } from '../../store/ids.ts';
import {
  changeLoyaltyBalance,
  insertLoyaltyEvent,
  insertPointsLot,
  selectOpenPointsLots,
  takeFromPointsLot,
  type LoyaltyEventKind,
  type LoyaltyEventRecord,
} from '../../store/loyalty.ts';
import type { Actor } from '../platform/context.ts';

export type PointsChange = {
  customerId: string;
  kind: LoyaltyEventKind;
  /** Signed: positive earns, negative spends or takes back. */
  points: Points;
  /** For points earned: when they expire (end of a month), or never. */
  expiresAt?: Date | null;
  /** Only a redemption is limited to points that have not expired. */
  spend?: boolean;
  mayGoNegative: boolean;
  saleId?: string | null;
  ruleVersion?: number | null;
  promotionId?: string | null;
  rewardId?: string | null;
  reasonCode?: string | null;
  reason?: string | null;
  approvedByStaffId?: string | null;
  details?: Record<string, unknown>;
  idempotencyKey: string;
  /** Points taken back for these sales come off the lots those sales earned first. */
  fromSaleIds?: readonly string[];
};

/** The event as every points change writes it, with the balance it leaves. */
export function pointsEvent({
  actor,
  change,
  balanceAfter,
  at,
}: {
  actor: Actor;
  change: PointsChange;
  balanceAfter: Points;
  at: Date;
}): LoyaltyEventRecord {
  return {
    id: newId(),
    customerId: change.customerId,
    kind: change.kind,
    points: change.points,
    balanceAfter,
    saleId: change.saleId ?? null,
    ruleVersion: change.ruleVersion ?? null,
    promotionId: change.promotionId ?? null,
    rewardId: change.rewardId ?? null,
    reasonCode: change.reasonCode ?? null,
    reason: change.reason ?? null,
    staffId: actor.kind === 'staff' ? actor.staffId : null,
    approvedByStaffId: change.approvedByStaffId ?? null,
    details: change.details ?? {},
    idempotencyKey: change.idempotencyKey,
    createdAt: at,
  };
}

/**
 * Applies one points event inside the caller's transaction: a guarded balance update
 * (never below zero unless the rules allow it, and never for a redemption), the event
 * with the balance after it, and the lots. Earned points become a lot, except the part
 * that pays off a negative balance; points going out are taken from the lots that
 * expire soonest (points taken back for a sale: from that sale's lots first). So the
 * lots always hold exactly the positive part of the balance.
 */
export async function changePoints({
  trx,
  actor,
  change,
  at,
}: {
  trx: Db;
  actor: Actor;
  change: PointsChange;
  at: Date;
}): Promise<Result<LoyaltyEventRecord>> {
  const after = await changeLoyaltyBalance(trx, change.customerId, change.points, {
    mayGoNegative: change.mayGoNegative && !change.spend,
    at,
  });
  if (after === undefined) {
    return fail('insufficient_points', 'The customer does not have that many points', {
      field: 'points',
    });
  }
  const before = after - change.points;
  const event = pointsEvent({ actor, change, balanceAfter: after, at });
  await insertLoyaltyEvent(trx, event);
  if (change.points > 0) {
    await insertPointsLot(trx, {
      customerId: change.customerId,
      eventId: event.id,
      points: points(Math.max(0, after) - Math.max(0, before)),
      expiresAt: change.expiresAt ?? null,
      at,
    });
  } else if (change.points < 0) {
    const take = points(Math.max(0, before) - Math.max(0, after));
    const lots = await selectOpenPointsLots(trx, change.customerId);
    const fromSales = new Set(change.fromSaleIds ?? []);
    const uses = drawFromLots(lots, take, at, {
      includeExpired: !change.spend,
      preferred: (lot) => lot.saleId !== null && fromSales.has(lot.saleId),
    });
    if (uses === null) {
      return fail('insufficient_points', 'Some of those points have expired', { field: 'points' });
    }
    for (const use of uses) await takeFromPointsLot(trx, use.lotId, use.amount);
  }
  return ok(event);
}
