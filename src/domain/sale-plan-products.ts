import { fail, invalid, ok, type Result } from './result.ts';
import { priceLine, type PricedLine, type PricingMode } from './sales.ts';
import { isProductLine, type SaleLineRequest, type SaleProduct } from './sale-plan.ts';

/** A product line priced by the outlet's rules, before loyalty's discounts. */
export type PricedProductLine = { index: number; product: SaleProduct; priced: PricedLine };

/** A code names a product by barcode first, then by SKU. */
function productByCode(products: readonly SaleProduct[], code: string): SaleProduct | undefined {
  return products.find((row) => row.barcode === code) ?? products.find((row) => row.sku === code);
}

/** Prices the product lines (in request order); the first unknown, foreign or bad line refuses. */
export function priceProductLines(
  lines: readonly SaleLineRequest[],
  products: readonly SaleProduct[],
  outlet: { currency: string; pricingMode: PricingMode },
): Result<PricedProductLine[]> {
  const priced: PricedProductLine[] = [];
  for (const [index, line] of lines.entries()) {
    if (!isProductLine(line)) continue;
    const code = line.product.trim();
    const product = productByCode(products, code);
    if (!product || !product.active) {
      return fail('product_not_found', `No product with barcode or SKU ${code}`, {
        field: `lines[${index}].product`,
      });
    }
    if (product.currency !== outlet.currency) {
      return invalid(
        `lines[${index}].product`,
        `${product.sku} is priced in ${product.currency}, the outlet sells in ${outlet.currency}`,
      );
    }
    const result = priceLine(
      {
        unitPrice: product.price,
        quantity: line.quantity,
        discount: line.discount ?? 0,
        taxRateBp: product.taxRateBp,
      },
      outlet.pricingMode,
      `lines[${index}]`,
    );
    if (!result.ok) return result;
    priced.push({ index, product, priced: result.value });
  }
  return ok(priced);
}

/** The codes a sale's product lines name, each once, to read their products. */
export function productCodes(lines: readonly SaleLineRequest[]): string[] {
  return [...new Set(lines.flatMap((line) => (isProductLine(line) ? [line.product.trim()] : [])))];
}
