import { describe, expect, it } from 'vitest';
import { zonedTimeToInstant } from './local-time.ts';
import { onlineRetailMapping, parseUsDateTime, readSaleLine } from './sales-import.ts';

const context = { currency: 'GBP', timeZone: 'Europe/London' };
const row = (overrides: Record<string, string>) => ({
  InvoiceNo: '536365',
  StockCode: '85123A',
  Description: 'WHITE HANGING HEART T-LIGHT HOLDER',
  Quantity: '6',
  InvoiceDate: '12/1/10 8:26',
  UnitPrice: '2.55',
  CustomerID: '17850',
  ...overrides,
});

describe('reading sales history lines', () => {
  it('reads an ordinary line', () => {
    expect(readSaleLine(row({}), onlineRetailMapping, context)).toEqual({
      ok: true,
      value: {
        invoice: '536365',
        isReturn: false,
        sku: '85123A',
        description: 'WHITE HANGING HEART T-LIGHT HOLDER',
        quantity: 6,
        unitPrice: 255,
        at: new Date('2010-12-01T08:26:00Z'),
        customerExternalId: '17850',
      },
    });
  });

  it('reads a cancellation as a return and a walk-in without a customer', () => {
    expect(
      readSaleLine(
        row({ InvoiceNo: 'C536379', Quantity: '-1', CustomerID: '' }),
        onlineRetailMapping,
        context,
      ),
    ).toMatchObject({
      ok: true,
      value: { isReturn: true, quantity: 1, customerExternalId: null },
    });
  });

  it.each([
    [{ Quantity: '-3' }, 'stock adjustment'],
    [{ InvoiceNo: 'C1', Quantity: '2' }, 'positive quantity on a cancellation'],
    [{ UnitPrice: '0' }, 'zero unit price'],
    [{ UnitPrice: '2.555' }, 'more decimals'],
    [{ Quantity: '1.5' }, 'whole number'],
    [{ InvoiceDate: '2010-12-01' }, 'month/day/year'],
    [{ InvoiceNo: '' }, 'InvoiceNo is empty'],
  ])('rejects %j with a reason', (overrides, reason) => {
    const result = readSaleLine(row(overrides), onlineRetailMapping, context);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(reason);
  });

  it('reads local times in the outlet time zone, across the clock change', () => {
    expect(parseUsDateTime('7/1/11 9:00', 'Europe/London')).toEqual(
      new Date('2011-07-01T08:00:00Z'),
    );
    expect(
      zonedTimeToInstant({ year: 2026, month: 3, day: 29, hour: 3, minute: 30 }, 'Europe/Oslo'),
    ).toEqual(new Date('2026-03-29T01:30:00Z'));
  });
});
