import { negate } from '../../domain/units.ts';
import { moveGroupMemberships } from '../../store/customer-groups.ts';
import type { Db } from '../../store/database.ts';
import {
  changeLoyaltyBalance,
  findLoyaltyBalance,
  insertLoyaltyEvent,
  moveLoyalty,
} from '../../store/loyalty.ts';
import { systemActor } from '../platform/context.ts';
import { changePoints, pointsEvent } from './loyalty-ledger.ts';

/**
 * On a merge the survivor takes the merged customer's groups and points. Points move as
 * an ADJUST pair (reason code `merge`); when both balances are positive the lots move
 * too, keeping their expiry dates.
 */
export async function mergeLoyalty(
  trx: Db,
  merge: { survivorId: string; mergedId: string },
): Promise<void> {
  await moveGroupMemberships(trx, merge.mergedId, merge.survivorId);
  const at = new Date();
  for (const id of [merge.survivorId, merge.mergedId].sort()) {
    await findLoyaltyBalance(trx, id, { lock: true });
  }
  const moving = await findLoyaltyBalance(trx, merge.mergedId);
  if (moving === 0) return;
  const survivorBalance = await findLoyaltyBalance(trx, merge.survivorId);
  const common = {
    kind: 'ADJUST' as const,
    reasonCode: 'merge',
    reason: 'customer records merged',
  };
  if (moving > 0 && survivorBalance >= 0) {
    await moveLoyalty(trx, merge.mergedId, merge.survivorId);
    for (const [customerId, points, side] of [
      [merge.mergedId, negate(moving), 'out'],
      [merge.survivorId, moving, 'in'],
    ] as const) {
      const balance = await changeLoyaltyBalance(trx, customerId, points, {
        mayGoNegative: true,
        at,
      });
      await insertLoyaltyEvent(
        trx,
        pointsEvent({
          actor: systemActor,
          change: {
            customerId,
            ...common,
            points,
            mayGoNegative: true,
            details: { mergedId: merge.mergedId },
            idempotencyKey: `merge:${merge.mergedId}:${side}`,
          },
          balanceAfter: balance!,
          at,
        }),
      );
    }
    return;
  }
  for (const [customerId, points, side] of [
    [merge.mergedId, negate(moving), 'out'],
    [merge.survivorId, moving, 'in'],
  ] as const) {
    const changed = await changePoints({
      trx,
      actor: systemActor,
      change: {
        customerId,
        ...common,
        points,
        mayGoNegative: true,
        details: { mergedId: merge.mergedId },
        idempotencyKey: `merge:${merge.mergedId}:${side}`,
      },
      at,
    });
    if (!changed.ok) throw new Error(`merging points failed: ${changed.message}`);
  }
}
