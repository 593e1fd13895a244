import { parseAmount } from './money.ts';
import { invalid, ok, type Result } from './result.ts';

export type ProductInput = {
  sku?: unknown;
  barcode?: unknown;
  name?: unknown;
  category?: unknown;
  brand?: unknown;
  size?: unknown;
  colour?: unknown;
  /** Price as written by people: "12.50". */
  price?: unknown;
  /** Tax rate in percent as written: "20" or "5.5". */
  taxRate?: unknown;
};

export type ValidProduct = {
  sku: string;
  barcode: string | null;
  name: string;
  category: string | null;
  brand: string | null;
  size: string | null;
  colour: string | null;
  price: number;
  currency: string;
  taxRateBp: number;
};

function text(
  value: unknown,
  field: string,
  options: { required: boolean; max: number },
): Result<string | null> {
  const trimmed =
    typeof value === 'string'
      ? value.trim()
      : value === undefined || value === null
        ? ''
        : String(value);
  if (trimmed === '') return options.required ? invalid(field, `${field} is required`) : ok(null);
  if (trimmed.length > options.max)
    return invalid(field, `${field} must be at most ${options.max} characters`);
  return ok(trimmed);
}

/** Reads a product line (from a form or a CSV line) into a product priced in `currency`. */
export function validateProduct(input: ProductInput, currency: string): Result<ValidProduct> {
  const sku = text(input.sku, 'sku', { required: true, max: 40 });
  if (!sku.ok) return sku;
  const barcode = text(input.barcode, 'barcode', { required: false, max: 40 });
  if (!barcode.ok) return barcode;
  if (barcode.value !== null && !/^\d{6,14}$/.test(barcode.value)) {
    return invalid('barcode', 'barcode must be 6 to 14 digits (EAN/UPC)');
  }
  const name = text(input.name, 'name', { required: true, max: 120 });
  if (!name.ok) return name;
  const fields: Record<'category' | 'brand' | 'size' | 'colour', string | null> = {
    category: null,
    brand: null,
    size: null,
    colour: null,
  };
  for (const field of ['category', 'brand', 'size', 'colour'] as const) {
    const value = text(input[field], field, { required: false, max: 60 });
    if (!value.ok) return value;
    fields[field] = value.value;
  }
  const price = parseAmount(String(input.price ?? ''), currency, 'price');
  if (!price.ok) return price;
  if (price.value < 0) return invalid('price', 'price must not be negative');
  const rate = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(String(input.taxRate ?? '').trim());
  const taxRateBp = rate
    ? Number(rate[1]) * 100 + Number((rate[2] ?? '').padEnd(2, '0') || '0')
    : NaN;
  if (!rate || taxRateBp > 10_000)
    return invalid('taxRate', 'taxRate must be a percentage from 0 to 100, like 20 or 5.5');
  return ok({
    sku: sku.value!,
    barcode: barcode.value,
    name: name.value!,
    ...fields,
    price: price.value,
    currency,
    taxRateBp,
  });
}
