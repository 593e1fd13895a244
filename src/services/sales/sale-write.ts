import { ok, type Result } from '../../domain/result.ts';
import type { SalePlan } from '../../domain/sale-plan.ts';
import type { Db } from '../../store/database.ts';
import type { GiftCardRecord } from '../../store/gift-cards.ts';
import { insertSale, nextSaleNumber } from '../../store/sales.ts';
import { writeSaleLoyalty } from '../loyalty/loyalty-checkout.ts';
import type { Actor } from '../platform/context.ts';
import {
  applyLedgerActions,
  liabilityActions,
  tenderActions,
} from '../stored-value/stored-value-sale.ts';
import { settleUnderLock } from '../stored-value/stored-value-settle.ts';
import { saleNumberOf, type SaleContext } from './sale-place.ts';
import { saleRecord, type SaleOrigin } from './sale-records.ts';

/** A sale decided and ready to write: where, the plan, and what its record keeps. */
export type PreparedSale = {
  place: SaleContext;
  plan: SalePlan<GiftCardRecord>;
  origin: Omit<SaleOrigin, 'number' | 'outletId' | 'registerId'>;
};

/**
 * Writes a decided sale inside the caller's transaction: draws its number, settles its
 * tenders under the accounts' locks, stores it, then moves its gift cards, store credit
 * and points. A tender that no longer holds what it must pay fails the whole sale.
 */
export async function writePreparedSale({
  trx,
  actor,
  prepared,
}: {
  trx: Db;
  actor: Actor;
  prepared: PreparedSale;
}): Promise<Result<string>> {
  const { place, plan } = prepared;
  // The counter first, then the accounts: the order returns and voids take them in too.
  const sequence = await nextSaleNumber(trx, place.counterKey);
  const payment = await settleUnderLock({ trx, plan: plan.payment, at: plan.completedAt });
  if (!payment.ok) return payment;
  const sale = saleRecord({
    origin: {
      ...prepared.origin,
      number: saleNumberOf(place.counterKey, sequence),
      outletId: place.outlet.id,
      registerId: place.registerId,
    },
    plan,
    settled: payment.value.settled,
  });
  await insertSale(trx, sale);
  const keyPrefix = sale.idempotencyKey ?? sale.id;
  const ledgers = await applyLedgerActions({
    trx,
    actions: [
      ...liabilityActions(plan),
      ...tenderActions({ settled: payment.value.settled, cards: payment.value.cards, sale }),
    ],
    context: {
      actor,
      outletId: sale.outletId,
      saleId: sale.id,
      reason: null,
      approvedByStaffId: null,
      requestHash: null,
      at: sale.completedAt,
      keyPrefix,
    },
  });
  if (!ledgers.ok) return ledgers;
  if (plan.loyalty) {
    const points = await writeSaleLoyalty({
      trx,
      actor,
      loyalty: plan.loyalty,
      sale: { id: sale.id, keyPrefix, at: sale.completedAt },
    });
    if (!points.ok) return points;
  }
  return ok(sale.id);
}
