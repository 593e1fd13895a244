import { validateProduct, type ProductInput, type ValidProduct } from '../../domain/catalogue.ts';
import { productQueryWords } from '../../domain/product-search.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { selectOutlets } from '../../store/outlets.ts';
import {
  findProductByCode,
  selectProductPage,
  selectProductsByWords,
  upsertProducts,
  type ProductRow,
} from '../../store/catalogue.ts';
import { recordAudit } from '../platform/audit.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import { parseCsvRows } from '../platform/csv-rows.ts';

export type ProductImportLine =
  | { line: number; status: 'imported'; sku: string }
  | { line: number; status: 'rejected'; code: string; field?: string; reason: string };

/** Prices are in the shop's currency: the first outlet's (all outlets of a chain share one list). */
async function catalogueCurrency(deps: ServiceDeps): Promise<string> {
  return (await selectOutlets(deps.db))[0]?.currency ?? 'GBP';
}

export async function saveProduct({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps;
  actor: Actor;
  input: ProductInput;
}): Promise<Result<ProductRow>> {
  const product = validateProduct(input, await catalogueCurrency(deps));
  if (!product.ok) return product;
  await upsertProducts(deps.db, [product.value]);
  await recordAudit({
    db: deps.db,
    actor,
    entry: {
      action: 'product.saved',
      subjectType: 'product',
      detail: { sku: product.value.sku },
    },
  });
  return ok((await findProductByCode(deps.db, product.value.sku))!);
}

/**
 * Imports a catalogue CSV (sku, barcode, name, category, brand, size, colour, price,
 * tax_rate). Every line is imported or rejected with its reason; a known SKU is updated.
 */
export async function importProductsCsv({
  deps,
  actor,
  csv,
}: {
  deps: ServiceDeps;
  actor: Actor;
  csv: string;
}): Promise<Result<{ imported: number; rejected: number; lines: ProductImportLine[] }>> {
  const parsed = parseCsvRows(csv);
  if (!parsed.ok) return parsed;
  const rows = parsed.value;
  const currency = await catalogueCurrency(deps);
  const lines: ProductImportLine[] = [];
  const valid: ValidProduct[] = [];
  const seen = new Set<string>();
  for (const [index, row] of rows.entries()) {
    const line = index + 2;
    const product = validateProduct({ ...row, taxRate: row.tax_rate ?? row.taxrate }, currency);
    if (!product.ok) {
      lines.push({
        line,
        status: 'rejected',
        code: product.code,
        reason: product.message,
        ...(product.field ? { field: product.field } : {}),
      });
    } else if (
      seen.has(product.value.sku) ||
      (product.value.barcode && seen.has(`#${product.value.barcode}`))
    ) {
      lines.push({
        line,
        status: 'rejected',
        code: 'sku_taken',
        field: 'sku',
        reason: 'the SKU or barcode appears twice in the file',
      });
    } else {
      seen.add(product.value.sku);
      if (product.value.barcode) seen.add(`#${product.value.barcode}`);
      valid.push(product.value);
      lines.push({ line, status: 'imported', sku: product.value.sku });
    }
  }
  await upsertProducts(deps.db, valid);
  await recordAudit({
    db: deps.db,
    actor,
    entry: {
      action: 'products.imported',
      detail: { imported: valid.length, rejected: lines.length - valid.length },
    },
  });
  return ok({ imported: valid.length, rejected: lines.length - valid.length, lines });
}

export async function listProducts(
  deps: ServiceDeps,
  filter: { text?: string; page: number; pageSize: number },
): Promise<{ items: ProductRow[]; total: number }> {
  const { rows, total } = await selectProductPage(deps.db, {
    ...(filter.text ? { text: filter.text } : {}),
    offset: (filter.page - 1) * filter.pageSize,
    limit: filter.pageSize,
  });
  return { items: rows, total };
}

export async function findProduct(deps: ServiceDeps, code: string): Promise<Result<ProductRow>> {
  const product = await findProductByCode(deps.db, code.trim());
  return product && product.active
    ? ok(product)
    : fail('product_not_found', `No product with barcode or SKU ${code.trim()}`);
}

/** Rows read per page from the term index; extra covers products matching on two words. */
const overfetch = 3;

/**
 * Products for the till's typeahead: every typed word starts a word of the product (its
 * name, brand, colour, size or SKU), exact words first, then by name. At most `limit`.
 */
export async function searchProducts({
  deps,
  query,
  limit = 10,
}: {
  deps: ServiceDeps;
  query: string;
  limit?: number;
}): Promise<ProductRow[]> {
  const [driver, ...otherWords] = productQueryWords(query);
  if (driver === undefined) return [];
  const rows = await selectProductsByWords(deps.db, {
    driver,
    otherWords,
    limit: limit * overfetch,
  });
  const seen = new Set<string>();
  return rows.filter((row) => !seen.has(row.id) && seen.add(row.id)).slice(0, limit);
}
