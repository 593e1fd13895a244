import { sql, type Kysely } from 'kysely';
import { productSearchTerms, type SearchableProduct } from '../../domain/product-search.ts';

/**
 * Product search by name at the till, built like the customer name typeahead: every word
 * of a product (name, brand, colour, size, SKU) is a row ordered by (term, search_name) in
 * a C-collated b-tree, so "the first ten products with a word starting 'tee'" is a short
 * index range scan, exact words first, with no sort and no '%q%' scan. The products already
 * in the catalogue get their words here; upsertProducts keeps them after.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE product_name_terms (
      term text COLLATE "C" NOT NULL,
      search_name text COLLATE "C" NOT NULL,
      product_id uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE,
      PRIMARY KEY (term, search_name, product_id)
    );
    CREATE INDEX product_name_terms_product ON product_name_terms (product_id);
  `.execute(db);
  const products = await sql<SearchableProduct & { id: string }>`
    SELECT id, sku, name, brand, colour, size FROM products
  `.execute(db);
  const rows = products.rows.flatMap((product) => {
    const { searchName, terms } = productSearchTerms(product);
    return terms.map((term) => ({ term, searchName, productId: product.id }));
  });
  for (let start = 0; start < rows.length; start += 1000) {
    const batch = rows.slice(start, start + 1000);
    await sql`
      INSERT INTO product_name_terms (term, search_name, product_id)
      SELECT * FROM unnest(
        ${batch.map((row) => row.term)}::text[],
        ${batch.map((row) => row.searchName)}::text[],
        ${batch.map((row) => row.productId)}::uuid[]
      )
    `.execute(db);
  }
}
