import type { Minor } from '@domain/units.ts';
import { maxQuantity, priceLine, type PricingMode } from '@domain/sales.ts';
import { defaultCurrency, parseAmount } from '../../common/money.ts';
import type { Product } from '@contract/catalogue.ts';
import type { SaleBody, TenderInput } from '@contract/sales.ts';
import { valueLineInput, type ValueLine } from './value-lines.ts';

/** A line being rung up: quantity and discount as typed (discount in currency units). */
export type DraftLine = { product: Product; quantity: string; discount: string };

export type CheckedLine = {
  quantity: number | null;
  discount: Minor | null;
  /** What the customer pays for the line (priceLine's total); null while it is not valid. */
  total: number | null;
  error: string | null;
};

const quantityMessage = `Quantity must be a whole number from 1 to ${maxQuantity}`;

/**
 * The line priced as the server prices it (src/domain/sales.ts priceLine): price ×
 * quantity − discount, with the product's tax added when the outlet's prices exclude it.
 */
export function checkLine(line: DraftLine, mode: PricingMode = 'tax_inclusive'): CheckedLine {
  const text = line.quantity.trim();
  const quantity = /^\d+$/.test(text) ? Number(text) : null;
  const discount = parseAmount(line.discount, line.product.currency);
  const priced =
    quantity === null
      ? null
      : priceLine(
          {
            unitPrice: line.product.price,
            quantity,
            discount: discount ?? 0,
            taxRateBp: line.product.taxRateBp,
          },
          mode,
        );
  if (priced === null || (!priced.ok && priced.field === 'line.quantity')) {
    return { quantity: null, discount: null, total: null, error: quantityMessage };
  }
  if (discount === null) {
    return { quantity, discount, total: null, error: 'Discount must be an amount like 2.50' };
  }
  if (!priced.ok) {
    // The cashier's words for a discount over the line; anything else is the product's.
    const error =
      priced.field === 'line.discount' ? 'Discount must not be more than the line' : priced.message;
    return { quantity, discount, total: null, error };
  }
  return { quantity, discount, total: priced.value.total, error: null };
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
 * What the basket comes to, each line priced as the outlet prices it (`mode`: a
 * tax-exclusive outlet adds tax). The server prices the sale (group discounts, rewards),
 * so the screen calls this an estimate. Gift cards and store credit sold carry no tax.
 * `currency`: the outlet's, for a basket with no product.
 */
export function estimate(
  lines: readonly DraftLine[],
  valueLines: readonly ValueLine[] = [],
  currency: string = defaultCurrency,
  mode: PricingMode = 'tax_inclusive',
): Estimate {
  const checked = lines.map((line) => checkLine(line, mode));
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
