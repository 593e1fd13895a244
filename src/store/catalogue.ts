import { sql } from 'kysely';
import type { ValidProduct } from '../domain/catalogue.ts';
import { productSearchTerms } from '../domain/product-search.ts';
import type { Db } from './database.ts';
import { prefixUpperBound, startsAWord } from './word-index.ts';
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

/** The search words of products just written, in place of what they had. */
async function replaceProductTerms(
  db: Db,
  written: { id: string; product: NewProduct }[],
): Promise<void> {
  if (written.length === 0) return;
  const ids = written.map((entry) => entry.id);
  await sql`DELETE FROM product_name_terms WHERE product_id = ANY(${ids}::uuid[])`.execute(db);
  const rows = written.flatMap(({ id, product }) => {
    const { searchName, terms } = productSearchTerms(product);
    return terms.map((term) => ({ term, searchName, id }));
  });
  if (rows.length === 0) return;
  await sql`
    INSERT INTO product_name_terms (term, search_name, product_id)
    SELECT * FROM unnest(
      ${rows.map((row) => row.term)}::text[],
      ${rows.map((row) => row.searchName)}::text[],
      ${rows.map((row) => row.id)}::uuid[]
    )
  `.execute(db);
}

/**
 * Inserts or, for a known SKU, updates products (a catalogue import is re-runnable), and
 * their words for the search by name.
 */
export async function upsertProducts(db: Db, products: NewProduct[]): Promise<void> {
  for (let start = 0; start < products.length; start += 500) {
    const batch = products.slice(start, start + 500);
    const written = await db
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
      .returning(['id', 'sku'])
      .execute();
    const idOf = new Map(written.map((row) => [row.sku, row.id]));
    await replaceProductTerms(
      db,
      batch.map((product) => ({ id: idOf.get(product.sku)!, product })),
    );
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

/**
 * Active products with a word starting with `driver` and every other word starting some
 * word too, exact words first, then by name. The (term, search_name) b-tree is walked only
 * until `limit` rows pass, so a common word costs no more than a rare one. A product can
 * come twice (two of its words start with the driver): the caller keeps the first.
 */
export async function selectProductsByWords(
  db: Db,
  query: { driver: string; otherWords: string[]; limit: number },
): Promise<ProductRow[]> {
  const filters = query.otherWords.map((word) => startsAWord(word));
  const rows = await sql<ProductRecord>`
    SELECT p.id, p.sku, p.barcode, p.name, p.category, p.brand, p.size, p.colour, p.price,
      p.currency, p.tax_rate_bp, p.active
    FROM product_name_terms t
    JOIN products p ON p.id = t.product_id
    WHERE t.term >= ${query.driver} AND t.term < ${prefixUpperBound(query.driver)}
      AND p.active
    ${filters.length > 0 ? sql`AND ${sql.join(filters, sql` AND `)}` : sql``}
    ORDER BY t.term, t.search_name, t.product_id
    LIMIT ${query.limit}
  `.execute(db);
  return rows.rows.map(toProductRow);
}
