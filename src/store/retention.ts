import type { Db } from './database.ts';

/**
 * Retention of accounting records: sales and their lines of erased customers, completed
 * before `cutoff`, lose their customer id. Lines go by their sale's completion time, so a
 * sale and its lines are always detached together. Only rows still linked are touched,
 * so a second run with the same cut-off updates nothing, and two at once (two server
 * processes) need no queue: the second waits on the rows' locks, then finds them
 * detached and skips them.
 *
 * The ledgers are not touched: loyalty_events (customer_id, sale_id), store credit
 * entries (account_id, sale_id) and gift card activities (sale_id) keep their rows and
 * amounts, so every balance still equals the sum of its entries. Those rows name the
 * sale, not the person: the customer behind them is erased (no name, no contacts).
 */
export async function detachErasedCustomersFromSales(
  db: Db,
  cutoff: Date,
): Promise<{ sales: number; saleLines: number }> {
  const erased = db.selectFrom('customers').select('id').where('status', '=', 'erased');
  const lines = await db
    .updateTable('sale_lines')
    .set({ customer_id: null })
    .where('customer_id', 'in', erased)
    .where('sale_id', 'in', db.selectFrom('sales').select('id').where('completed_at', '<', cutoff))
    .executeTakeFirst();
  const sales = await db
    .updateTable('sales')
    .set({ customer_id: null })
    .where('customer_id', 'in', erased)
    .where('completed_at', '<', cutoff)
    .executeTakeFirst();
  return { sales: Number(sales.numUpdatedRows), saleLines: Number(lines.numUpdatedRows) };
}
