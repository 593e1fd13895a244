import type { Sale } from '@contract/sales.ts';

export type TotalRow = { key: string; label: string; amount: number };

/**
 * The rows under a sale's lines: subtotal, discounts and (where prices exclude it) tax,
 * which add up to the total, on a sale and on a return alike (a return's discounts are
 * given back, so they show positive there). Tax inside the prices is said apart.
 */
export function saleTotalRows(sale: Sale): {
  rows: TotalRow[];
  taxIncluded: number | null;
  total: TotalRow;
} {
  const inclusive = sale.pricingMode === 'tax_inclusive';
  const rows: TotalRow[] = [{ key: 'subtotal', label: 'Subtotal', amount: sale.subtotal }];
  if (sale.discountTotal !== 0) {
    rows.push({
      key: 'discounts',
      label: sale.kind === 'return' ? 'Discounts given back' : 'Discounts',
      amount: -sale.discountTotal,
    });
  }
  if (!inclusive) rows.push({ key: 'tax', label: 'Tax', amount: sale.taxTotal });
  return {
    rows,
    taxIncluded: inclusive ? sale.taxTotal : null,
    total: { key: 'total', label: sale.kind === 'return' ? 'Refund' : 'Total', amount: sale.total },
  };
}
