import { sql, type Kysely } from 'kysely';

/**
 * Name typeahead without sorting thousands of matches: every word of every name is a
 * row in customer_name_terms, ordered by (term, search_name) in a C-collated b-tree,
 * so "the first ten names with a word starting 'ann'" is a short index range scan with
 * exact words first. name_terms is the dictionary of distinct words, small enough that
 * a trigram look-up finds the typo'd word ("smyth" -> "smith") in a few milliseconds.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE TABLE customer_name_terms (
      term text COLLATE "C" NOT NULL,
      search_name text COLLATE "C" NOT NULL,
      customer_id uuid NOT NULL REFERENCES customers (id),
      PRIMARY KEY (term, search_name, customer_id)
    );
    CREATE INDEX customer_name_terms_customer ON customer_name_terms (customer_id);
    CREATE TABLE name_terms (
      term text COLLATE "C" PRIMARY KEY
    );
    CREATE INDEX name_terms_trigram ON name_terms USING gin (term gin_trgm_ops);
  `.execute(db);
}
