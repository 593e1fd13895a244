import { defaultCurrency, parseAmount } from '../../common/money.ts';
import type { Product } from '@contract/catalogue.ts';
import type { SaleBody, TenderInput } from '@contract/sales.ts';
import { valueLineInput, type ValueLine } from './value-lines.ts';

/** A line being rung up: quantity and discount as typed (discount in currency units). */
export type DraftLine = { product: Product; quantity: string; discount: string };

export type CheckedLine = {
  quantity: number | null;
  discount: number | null;
  /** price × quantity − discount; null while the line is not valid. */
  total: number | null;
  error: string | null;
};

const maxQuantity = 10_000;

export function checkLine(line: DraftLine): CheckedLine {
  const text = line.quantity.trim();
  const quantity = /^\d{1,5}$/.test(text) ? Number(text) : null;
  if (quantity === null || quantity < 1 || quantity > maxQuantity) {
    return {
      quantity: null,
      discount: null,
      total: null,
      error: `Quantity must be a whole number from 1 to ${maxQuantity}`,
    };
  }
  const gross = line.product.price * quantity;
  const discount = parseAmount(line.discount, line.product.currency);
  if (discount === null) {
    return { quantity, discount, total: null, error: 'Discount must be an amount like 2.50' };
  }
  if (discount > gross) {
    return { quantity, discount, total: null, error: 'Discount must not be more than the line' };
  }
  return { quantity, discount, total: gross - discount, error: null };
}

/** The same product scanned again adds one to its line; a new one goes to the end. */
export function addProduct(lines: readonly DraftLine[], product: Product): DraftLine[] {
  const index = lines.findIndex((line) => line.product.id === product.id);
  if (index === -1) return [...lines, { product, quantity: '1', discount: '' }];
  return lines.map((line, i) => {
    if (i !== index) return line;
    const quantity = checkLine(line).quantity;
    return { ...line, quantity: String((quantity ?? 0) + 1) };
  });
}

export type Estimate = { total: number; currency: string; valid: boolean };

/**
 * What the basket comes to, as a tax-inclusive outlet prices it. The server prices the sale
 * (tax-exclusive outlets add tax), so the screen calls this an estimate. Gift cards and
 * store credit sold carry no tax. `currency`: the outlet's, for a basket with no product.
 */
export function estimate(
  lines: readonly DraftLine[],
  valueLines: readonly ValueLine[] = [],
  currency: string = defaultCurrency,
): Estimate {
  const checked = lines.map(checkLine);
  const products = checked.reduce((sum, line) => sum + (line.total ?? 0), 0);
  return {
    total: products + valueLines.reduce((sum, line) => sum + line.amount, 0),
    currency: lines[0]?.product.currency ?? currency,
    valid: lines.length + valueLines.length > 0 && checked.every((line) => line.error === null),
  };
}

/**
 * The POST /sales body; a product goes by barcode when it has one (the server looks that up
 * first). Stored value sold follows the products, so digital card deliveries name lines
 * after them.
 */
export function saleBody(
  lines: readonly DraftLine[],
  customerId: string | null,
  tenders: TenderInput[],
  valueLines: readonly ValueLine[] = [],
): SaleBody {
  return {
    ...(customerId === null ? {} : { customer: { id: customerId } }),
    lines: [
      ...lines.map((line) => {
        const { quantity, discount } = checkLine(line);
        return {
          product: line.product.barcode ?? line.product.sku,
          quantity: quantity ?? 0,
          ...(discount ? { discount } : {}),
        };
      }),
      ...valueLines.map(valueLineInput),
    ],
    tenders,
  };
}
