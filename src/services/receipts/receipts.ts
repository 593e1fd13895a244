import { buildReceipt, type Receipt, type ReceiptSale } from '../../domain/receipts.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { findOutlet } from '../../store/outlets.ts';
import { selectSalesByIds } from '../../store/sales.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { loadSaleViews, type SaleView } from '../sales/sale-view.ts';
import { getShopSettings } from '../shop/settings.ts';

export type SaleReceipt = { receipt: Receipt; sale: SaleView };

/** Whether the outlet prints the customer's name: off unless the outlet opted in. */
function showsCustomerName(settings: Record<string, unknown>): boolean {
  return settings.customerNameOnReceipt === true;
}

function receiptSaleOf(
  sale: SaleView,
  extra: { originalNumber: string | null; timeZone: string },
): ReceiptSale {
  return {
    kind: sale.kind,
    number: sale.number,
    originalNumber: extra.originalNumber,
    currency: sale.currency,
    pricingMode: sale.pricingMode,
    outletName: sale.outlet.name,
    receiptHeader: sale.outlet.receiptHeader,
    registerName: sale.register?.name ?? null,
    staffName: sale.staffName,
    customerName: sale.customer?.name ?? null,
    subtotal: sale.subtotal,
    discountTotal: sale.discountTotal,
    taxTotal: sale.taxTotal,
    total: sale.total,
    lines: sale.lines.map((line) => ({
      name: line.name,
      size: line.size,
      colour: line.colour,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      discount: line.discount,
      taxRateBp: line.taxRateBp,
      tax: line.tax,
      total: line.total,
    })),
    tenders: sale.tenders,
    loyalty: sale.loyalty,
    completedAt: sale.completedAt,
    timeZone: extra.timeZone,
  };
}

/** The receipt of a completed sale or return, for printing, reprinting or e-mailing. */
export async function receiptForSale(
  deps: ServiceDeps,
  saleId: string,
): Promise<Result<SaleReceipt>> {
  const [sale] = await loadSaleViews(deps.db, [saleId]);
  if (!sale) return fail('sale_not_found', `No sale with id ${saleId}`);
  const outlet = await findOutlet(deps.db, sale.outlet.id);
  if (!outlet) throw new Error(`sale ${sale.id} has an unknown outlet`);
  const [original] = sale.originalSaleId
    ? await selectSalesByIds(deps.db, [sale.originalSaleId])
    : [];
  const shop = await getShopSettings(deps.db);
  const receipt = buildReceipt(
    receiptSaleOf(sale, { originalNumber: original?.number ?? null, timeZone: outlet.timeZone }),
    { shopName: shop.shopName, showCustomerName: showsCustomerName(outlet.settings) },
  );
  return ok({ receipt, sale });
}
