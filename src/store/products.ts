import type { ValidProduct } from '../domain/catalogue.ts';
import type { Db } from './database.ts';
import { newId } from './ids.ts';

export type ProductRow = {
  id: string;
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
  active: boolean;
};

/** What a catalogue write takes: a product the domain has validated. */
export type NewProduct = ValidProduct;

type ProductRecord = {
  id: string;
  sku: string;
  barcode: string | null;
  name: string;
  category: string | null;
  brand: string | null;
  size: string | null;
  colour: string | null;
  price: number;
  currency: string;
  tax_rate_bp: number;
  active: boolean;
};

function toProductRow(row: ProductRecord): ProductRow {
  return {
    id: row.id,
    sku: row.sku,
    barcode: row.barcode,
    name: row.name,
    category: row.category,
    brand: row.brand,
    size: row.size,
    colour: row.colour,
    price: row.price,
    currency: row.currency,
    taxRateBp: row.tax_rate_bp,
    active: row.active,
  };
}

function columnsOf(product: NewProduct) {
  return {
    sku: product.sku,
    barcode: product.barcode,
    name: product.name,
    category: product.category,
    brand: product.brand,
    size: product.size,
    colour: product.colour,
    price: product.price,
    currency: product.currency,
    tax_rate_bp: product.taxRateBp,
  };
}

/** Inserts or, for a known SKU, updates products (a catalogue import is re-runnable). */
export async function upsertProducts(db: Db, products: NewProduct[]): Promise<void> {
  for (let start = 0; start < products.length; start += 500) {
    const batch = products.slice(start, start + 500);
    await db
      .insertInto('products')
      .values(batch.map((product) => ({ id: newId(), ...columnsOf(product) })))
      .onConflict((conflict) =>
        conflict.column('sku').doUpdateSet((eb) => ({
          barcode: eb.ref('excluded.barcode'),
          name: eb.ref('excluded.name'),
          category: eb.ref('excluded.category'),
          brand: eb.ref('excluded.brand'),
          size: eb.ref('excluded.size'),
          colour: eb.ref('excluded.colour'),
          price: eb.ref('excluded.price'),
          currency: eb.ref('excluded.currency'),
          tax_rate_bp: eb.ref('excluded.tax_rate_bp'),
          updated_at: new Date(),
        })),
      )
      .execute();
  }
}

/** A scan finds a product by barcode or SKU. */
export async function findProductByCode(db: Db, code: string): Promise<ProductRow | undefined> {
  const row = await db
    .selectFrom('products')
    .selectAll()
    .where((eb) => eb.or([eb('barcode', '=', code), eb('sku', '=', code)]))
    .orderBy('barcode')
    .executeTakeFirst();
  return row ? toProductRow(row) : undefined;
}

export async function selectProductsByCodes(db: Db, codes: string[]): Promise<ProductRow[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .selectFrom('products')
    .selectAll()
    .where((eb) => eb.or([eb('sku', 'in', codes), eb('barcode', 'in', codes)]))
    .execute();
  return rows.map(toProductRow);
}

export async function selectProductPage(
  db: Db,
  filter: { text?: string; offset: number; limit: number },
): Promise<{ rows: ProductRow[]; total: number }> {
  let query = db.selectFrom('products').where('active', '=', true);
  if (filter.text) {
    const pattern = `%${filter.text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('name', 'ilike', pattern),
        eb('sku', 'ilike', pattern),
        eb('barcode', '=', filter.text!),
      ]),
    );
  }
  const rows = await query
    .selectAll()
    .orderBy('name')
    .orderBy('sku')
    .offset(filter.offset)
    .limit(filter.limit)
    .execute();
  const count = await query
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return { rows: rows.map(toProductRow), total: Number(count.count) };
}
