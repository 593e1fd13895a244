import { fail, ok, type Result } from '../../domain/result.ts';
import { findCustomerById } from '../../store/customers.ts';
import type { Db } from '../../store/database.ts';
import {
  lockSale,
  selectReturnIdsOfSale,
  selectSalesByIds,
  setSaleCustomer,
  type StoredSale,
} from '../../store/sales.ts';
import { inTransaction } from '../../store/transaction.ts';
import { recordAudit } from '../platform/audit.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import { earnOnAttach, takeBackOnDetach } from './sale-attach-points.ts';
import { loadSaleViews, type SaleView } from './sale-view.ts';

/** The sale with its row locked, read after the lock so every check sees it as it is. */
async function lockedSale(trx: Db, saleId: string): Promise<Result<StoredSale>> {
  await lockSale(trx, saleId);
  const [sale] = await selectSalesByIds(trx, [saleId]);
  if (!sale) return fail('sale_not_found', `No sale with id ${saleId}`);
  if (sale.kind !== 'sale') {
    return fail(
      'sale_not_attachable',
      `${sale.number} is a return: it follows the sale it refunds`,
    );
  }
  if (sale.voidedAt) return fail('sale_not_attachable', `Sale ${sale.number} was voided`);
  return ok(sale);
}

/** The sale and the returns made against it belong to one customer (or none). */
async function moveSale(trx: Db, sale: StoredSale, customerId: string | null): Promise<void> {
  for (const id of [sale.id, ...(await selectReturnIdsOfSale(trx, sale.id))]) {
    await setSaleCustomer(trx, id, customerId);
  }
}

/**
 * "Track" a completed sale: the customer forgot their card and comes back with the
 * receipt. Only an unattached sale can be attached; a wrong attachment is detached by a
 * supervisor first. The sale's points go with it, once (the sale's row is locked), and
 * both are in the audit log.
 */
export async function attachSale({
  deps,
  actor,
  saleId,
  customerId,
}: {
  deps: ServiceDeps;
  actor: Actor;
  saleId: string;
  customerId: string;
}): Promise<Result<SaleView>> {
  const result = await inTransaction(deps.db, async (trx) => {
    const sale = await lockedSale(trx, saleId);
    if (!sale.ok) return sale;
    if (sale.value.customerId) {
      return fail(
        'sale_already_attached',
        `Sale ${sale.value.number} already belongs to a customer; detach it first`,
      );
    }
    const customer = await findCustomerById(trx, customerId);
    if (!customer || customer.status !== 'active') {
      return fail('customer_not_found', `No active customer with id ${customerId}`, {
        field: 'customerId',
      });
    }
    await moveSale(trx, sale.value, customerId);
    const points = await earnOnAttach({ trx, actor, sale: sale.value, customerId, at: deps.now() });
    if (!points.ok) return points;
    await recordAudit({
      db: trx,
      actor,
      entry: {
        action: 'sale.attached',
        subjectType: 'sale',
        subjectId: saleId,
        detail: {
          saleNumber: sale.value.number,
          customerId,
          customerNumber: customer.number,
          points: points.value,
        },
      },
    });
    return ok(saleId);
  });
  if (!result.ok) return result;
  return ok((await loadSaleViews(deps.db, [saleId]))[0]!);
}

export async function detachSale({
  deps,
  actor,
  saleId,
  reason,
}: {
  deps: ServiceDeps;
  actor: Actor;
  saleId: string;
  reason: string;
}): Promise<Result<SaleView>> {
  const why = reason.trim();
  if (why.length < 3)
    return fail('validation_failed', 'reason must say why the sale is detached', {
      field: 'reason',
    });
  const result = await inTransaction(deps.db, async (trx) => {
    const sale = await lockedSale(trx, saleId);
    if (!sale.ok) return sale;
    const { customerId, number } = sale.value;
    if (!customerId) return fail('sale_not_attached', `Sale ${number} has no customer`);
    if (sale.value.pointsRedeemed > 0) {
      return fail(
        'sale_not_detachable',
        `The customer's points paid for a reward on sale ${number}: return the items instead (that gives the points back), then ring the sale again`,
      );
    }
    await moveSale(trx, sale.value, null);
    const points = await takeBackOnDetach({
      trx,
      actor,
      sale: { ...sale.value, customerId },
      at: deps.now(),
    });
    if (!points.ok) return points;
    await recordAudit({
      db: trx,
      actor,
      entry: {
        action: 'sale.detached',
        subjectType: 'sale',
        subjectId: saleId,
        detail: {
          saleNumber: number,
          fromCustomerId: customerId,
          reason: why,
          points: -points.value,
        },
      },
    });
    return ok(saleId);
  });
  if (!result.ok) return result;
  return ok((await loadSaleViews(deps.db, [saleId]))[0]!);
}
