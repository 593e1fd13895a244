import { describe, expect, it } from 'vitest';
import type { Sale } from '@contract/sales.ts';
import { saleTotalRows } from './sale-totals.ts';

const base = {
  kind: 'sale',
  pricingMode: 'tax_inclusive',
  subtotal: 2400,
  discountTotal: 120,
  taxTotal: 380,
  total: 2280,
} as const;

const sum = (rows: { amount: number }[]) => rows.reduce((total, row) => total + row.amount, 0);

describe('saleTotalRows', () => {
  it.each([
    ['a VIP sale of the candle', base],
    [
      'its return, which gives the 5% back',
      {
        ...base,
        kind: 'return',
        subtotal: -2400,
        discountTotal: -120,
        taxTotal: -380,
        total: -2280,
      },
    ],
    [
      'a tax-exclusive sale',
      {
        ...base,
        pricingMode: 'tax_exclusive',
        subtotal: 3000,
        discountTotal: 100,
        taxTotal: 254,
        total: 3154,
      },
    ],
  ] as const)('adds up to the total for %s', (_name, figures) => {
    const { rows, total } = saleTotalRows(figures as unknown as Sale);
    expect(rows[0]).toMatchObject({ label: 'Subtotal', amount: figures.subtotal });
    expect(sum(rows)).toBe(total.amount);
  });

  it('shows the discount a return gives back as a positive amount', () => {
    const { rows } = saleTotalRows({
      ...base,
      kind: 'return',
      subtotal: -2400,
      discountTotal: -120,
      taxTotal: -380,
      total: -2280,
    } as unknown as Sale);
    expect(rows).toContainEqual({ key: 'discounts', label: 'Discounts given back', amount: 120 });
  });
});
