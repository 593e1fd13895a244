import { fail, ok, type Result } from '../domain/result.ts';
import { findCustomerById } from '../store/customers.ts';
import { selectSalesByIds, setSaleCustomer } from '../store/sales.ts';
import { inTransaction } from '../store/transaction.ts';
import { recordAudit } from './audit.ts';
import type { Actor, ServiceDeps } from './context.ts';
import { loadSaleViews, type SaleView } from './sale-view.ts';

/**
 * "Track" a completed sale: the customer forgot their card and comes back with the
 * receipt. Only an unattached sale can be attached; a wrong attachment is detached by a
 * supervisor first. Both are in the audit log.
 */
export async function attachSale(
  deps: ServiceDeps,
  actor: Actor,
  saleId: string,
  customerId: string,
): Promise<Result<SaleView>> {
  const result = await inTransaction(deps.db, async (trx) => {
    const [sale] = await selectSalesByIds(trx, [saleId]);
    if (!sale) return fail('sale_not_found', `No sale with id ${saleId}`);
    if (sale.customerId) {
      return fail(
        'sale_already_attached',
        `Sale ${sale.number} already belongs to a customer; detach it first`,
      );
    }
    const customer = await findCustomerById(trx, customerId);
    if (!customer || customer.status !== 'active') {
      return fail('customer_not_found', `No active customer with id ${customerId}`, {
        field: 'customerId',
      });
    }
    await setSaleCustomer(trx, saleId, customerId);
    await recordAudit(trx, actor, {
      action: 'sale.attached',
      subjectType: 'sale',
      subjectId: saleId,
      detail: { saleNumber: sale.number, customerNumber: customer.number },
    });
    return ok(saleId);
  });
  if (!result.ok) return result;
  return ok((await loadSaleViews(deps.db, [saleId]))[0]!);
}

export async function detachSale(
  deps: ServiceDeps,
  actor: Actor,
  saleId: string,
  reason: string,
): Promise<Result<SaleView>> {
  const why = reason.trim();
  if (why.length < 3)
    return fail('validation_failed', 'reason must say why the sale is detached', {
      field: 'reason',
    });
  const result = await inTransaction(deps.db, async (trx) => {
    const [sale] = await selectSalesByIds(trx, [saleId]);
    if (!sale) return fail('sale_not_found', `No sale with id ${saleId}`);
    if (!sale.customerId) return fail('sale_not_attached', `Sale ${sale.number} has no customer`);
    await setSaleCustomer(trx, saleId, null);
    await recordAudit(trx, actor, {
      action: 'sale.detached',
      subjectType: 'sale',
      subjectId: saleId,
      detail: { saleNumber: sale.number, fromCustomerId: sale.customerId, reason: why },
    });
    return ok(saleId);
  });
  if (!result.ok) return result;
  return ok((await loadSaleViews(deps.db, [saleId]))[0]!);
}
