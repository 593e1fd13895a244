import { divideRoundHalfUp } from './money.ts';
import { invalid, ok, type Result } from './result.ts';

/** Whether an outlet's shelf prices include tax (UK, EU) or have it added (US). */
export const pricingModes = ['tax_inclusive', 'tax_exclusive'] as const;
export type PricingMode = (typeof pricingModes)[number];

/** A return (a void too) is a sale record of its own, with negative amounts. */
export const saleKinds = ['sale', 'return'] as const;
export type SaleKind = (typeof saleKinds)[number];

/** Selling a gift card or store credit is a line that is a liability, not revenue. */
export const saleLineKinds = ['product', 'gift_card', 'store_credit'] as const;
export type SaleLineKind = (typeof saleLineKinds)[number];

/** How a sale was paid or a refund paid out, one tender row each. */
export const tenderKinds = [
  'cash',
  'card',
  'external',
  'exchange',
  'gift_card',
  'store_credit',
] as const;
export type TenderKind = (typeof tenderKinds)[number];

export type SaleLineInput = {
  /** Price of one unit as the outlet states it (with tax when tax_inclusive). */
  unitPrice: number;
  quantity: number;
  /** Money off this line, in minor units, in the same basis as the price. */
  discount: number;
  /** Tax rate in basis points: 2000 = 20%. */
  taxRateBp: number;
};

export type PricedLine = {
  unitPrice: number;
  quantity: number;
  discount: number;
  taxRateBp: number;
  /** What the customer pays for the line, tax included. */
  total: number;
  /** The tax inside `total`. */
  tax: number;
};

export type SaleTotals = {
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  total: number;
};

/** The most of one product a line may hold; the till refuses more before it asks. */
export const maxQuantity = 10_000;
const maxUnitPrice = 100_000_000_00;

/** Prices one line: tax is rounded per line, half up, in integers. */
export function priceLine(
  line: SaleLineInput,
  mode: PricingMode,
  field = 'line',
): Result<PricedLine> {
  if (!Number.isInteger(line.quantity) || line.quantity <= 0 || line.quantity > maxQuantity) {
    return invalid(
      `${field}.quantity`,
      `${field}.quantity must be a whole number from 1 to ${maxQuantity}`,
    );
  }
  if (
    !Number.isSafeInteger(line.unitPrice) ||
    line.unitPrice < 0 ||
    line.unitPrice > maxUnitPrice
  ) {
    return invalid(`${field}.unitPrice`, `${field}.unitPrice must be a non-negative amount`);
  }
  const gross = line.unitPrice * line.quantity;
  if (!Number.isSafeInteger(line.discount) || line.discount < 0 || line.discount > gross) {
    return invalid(`${field}.discount`, `${field}.discount must be between 0 and the line's price`);
  }
  if (!Number.isInteger(line.taxRateBp) || line.taxRateBp < 0 || line.taxRateBp > 10_000) {
    return invalid(`${field}.taxRateBp`, `${field}.taxRateBp must be from 0 to 10000 (100%)`);
  }
  const amount = gross - line.discount;
  const priced =
    mode === 'tax_inclusive'
      ? { total: amount, tax: divideRoundHalfUp(amount * line.taxRateBp, 10_000 + line.taxRateBp) }
      : (() => {
          const tax = divideRoundHalfUp(amount * line.taxRateBp, 10_000);
          return { total: amount + tax, tax };
        })();
  return ok({ ...line, ...priced });
}

export function saleTotals(lines: readonly PricedLine[]): SaleTotals {
  return lines.reduce<SaleTotals>(
    (totals, line) => ({
      subtotal: totals.subtotal + line.unitPrice * line.quantity,
      discountTotal: totals.discountTotal + line.discount,
      taxTotal: totals.taxTotal + line.tax,
      total: totals.total + line.total,
    }),
    { subtotal: 0, discountTotal: 0, taxTotal: 0, total: 0 },
  );
}
