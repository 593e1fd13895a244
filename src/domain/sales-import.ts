import { zonedTimeToInstant } from './local-time.ts';
import { parseAmount } from './money.ts';
import { fail, invalid, ok, type Result } from './result.ts';

/** Which CSV column holds what. The default fits the UCI "Online Retail" export. */
export type SalesColumnMapping = {
  invoice: string;
  sku: string;
  description: string;
  quantity: string;
  date: string;
  unitPrice: string;
  customer: string;
};

export const onlineRetailMapping: SalesColumnMapping = {
  invoice: 'InvoiceNo',
  sku: 'StockCode',
  description: 'Description',
  quantity: 'Quantity',
  date: 'InvoiceDate',
  unitPrice: 'UnitPrice',
  customer: 'CustomerID',
};

export type ImportedSaleLine = {
  invoice: string;
  /** Cancellation invoices (C…) are returns. */
  isReturn: boolean;
  sku: string;
  description: string;
  /** Units, always positive; the invoice kind says which way they went. */
  quantity: number;
  unitPrice: number;
  at: Date;
  customerExternalId: string | null;
};

/** Dates like "12/1/10 8:26" (month/day/year, 24-hour), as the retail export writes them. */
export function parseUsDateTime(text: string, timeZone: string): Date | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4}) (\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [, month, day, year, hour, minute] = match.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const fullYear = year < 100 ? 2000 + year : year;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  return zonedTimeToInstant({ year: fullYear, month, day, hour, minute }, timeZone);
}

/**
 * Reads one CSV line of sales history. Lines a till would never produce are rejected
 * with the reason: stock adjustments (negative quantities on an ordinary invoice),
 * zero prices, unreadable dates or amounts.
 */
export function readSaleLine(
  row: Record<string, string | undefined>,
  mapping: SalesColumnMapping,
  context: { currency: string; timeZone: string },
): Result<ImportedSaleLine> {
  const cell = (column: string) => (row[column] ?? '').trim();
  const invoice = cell(mapping.invoice).toUpperCase();
  if (invoice === '') return invalid(mapping.invoice, `${mapping.invoice} is empty`);
  const isReturn = invoice.startsWith('C');
  const sku = cell(mapping.sku);
  if (sku === '' || sku.length > 40)
    return invalid(mapping.sku, `${mapping.sku} must be 1–40 characters`);
  const quantity = Number(cell(mapping.quantity));
  if (!Number.isInteger(quantity) || quantity === 0) {
    return invalid(mapping.quantity, `${mapping.quantity} must be a whole number other than 0`);
  }
  if (!isReturn && quantity < 0) {
    return fail(
      'validation_failed',
      'negative quantity on an ordinary invoice: a stock adjustment, not a sale',
      {
        field: mapping.quantity,
      },
    );
  }
  if (isReturn && quantity > 0) {
    return fail('validation_failed', 'positive quantity on a cancellation invoice', {
      field: mapping.quantity,
    });
  }
  const price = parseAmount(cell(mapping.unitPrice), context.currency, mapping.unitPrice);
  if (!price.ok) return price;
  if (price.value < 0)
    return invalid(mapping.unitPrice, `${mapping.unitPrice} must not be negative`);
  if (price.value === 0) {
    return fail('validation_failed', 'zero unit price: nothing was sold for money', {
      field: mapping.unitPrice,
    });
  }
  const at = parseUsDateTime(cell(mapping.date), context.timeZone);
  if (!at)
    return invalid(mapping.date, `${mapping.date} must look like 12/1/10 8:26 (month/day/year)`);
  const customer = cell(mapping.customer).replace(/\.0$/, '');
  return ok({
    invoice,
    isReturn,
    sku,
    description: cell(mapping.description).slice(0, 120) || sku,
    quantity: Math.abs(quantity),
    unitPrice: price.value,
    at,
    customerExternalId: customer === '' ? null : customer,
  });
}
