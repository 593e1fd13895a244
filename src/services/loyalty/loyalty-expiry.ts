import { negate, sumPoints } from '../../domain/units.ts';
import { ok } from '../../domain/result.ts';
import type { Db } from '../../store/database.ts';
import { newId } from '../../store/ids.ts';
import {
  changeLoyaltyBalance,
  findLoyaltyBalance,
  insertLoyaltyEvent,
  selectCustomersWithExpiredPoints,
  selectOpenPointsLots,
  takeFromPointsLot,
} from '../../store/loyalty.ts';
import { inTransaction } from '../../store/transaction.ts';
import { systemActor, type ServiceDeps } from '../platform/context.ts';
import { pointsEvent } from './loyalty-ledger.ts';

/**
 * Takes expired points off (lots past their end-of-month expiry), one EXPIRE event per
 * customer and run. A second run finds no expired points left and changes nothing; two
 * runs at once queue on each customer's account lock.
 */
export async function expirePoints(
  deps: ServiceDeps,
): Promise<{ customers: number; points: number }> {
  const totals = { customers: 0, points: 0 };
  const now = deps.now();
  for (;;) {
    const customers = await selectCustomersWithExpiredPoints(deps.db, now, 200);
    if (customers.length === 0) return totals;
    for (const customerId of customers) {
      const expired = await inTransaction(deps.db, async (trx) =>
        ok(await expireCustomer(trx, customerId, now)),
      );
      if (expired.ok && expired.value > 0) {
        totals.customers += 1;
        totals.points += expired.value;
      }
    }
  }
}

async function expireCustomer(trx: Db, customerId: string, now: Date): Promise<number> {
  await findLoyaltyBalance(trx, customerId, { lock: true });
  const expired = (await selectOpenPointsLots(trx, customerId)).filter(
    (lot) => lot.expiresAt !== null && lot.expiresAt <= now,
  );
  const points = sumPoints(expired.map((lot) => lot.remaining));
  if (points === 0) return 0;
  for (const lot of expired) await takeFromPointsLot(trx, lot.id, lot.remaining);
  const balance = await changeLoyaltyBalance(trx, customerId, negate(points), {
    mayGoNegative: true,
    at: now,
  });
  const details = {
    lots: expired.map((lot) => ({ points: lot.remaining, expiresAt: lot.expiresAt })),
  };
  await insertLoyaltyEvent(
    trx,
    pointsEvent({
      actor: systemActor,
      change: {
        customerId,
        kind: 'EXPIRE',
        points: negate(points),
        mayGoNegative: true,
        reason: 'points expired',
        details,
        idempotencyKey: `expire:points:${customerId}:${newId()}`,
      },
      balanceAfter: balance!,
      at: now,
    }),
  );
  return points;
}
