import { sql } from 'kysely';
import type { Db } from './database.ts';
import { prefixUpperBound, startsAWord } from './word-index.ts';

export type NameMatch = { customerId: string; term: string };

/** Every other query word must start some word of the name. */
function otherWordsFilter(otherWords: string[], fuzzy: boolean) {
  return otherWords.map((word) => {
    const prefix = startsAWord(word);
    return fuzzy ? sql<boolean>`(${prefix} OR ${word} <% t.search_name)` : prefix;
  });
}

/**
 * Names with a word starting with `driver` (and every other word starting another word),
 * in index order: exact word first, then longer words, then by name. The planner walks the
 * (term, search_name) b-tree and stops at `limit`, so a common prefix costs no more than a
 * rare one.
 */
export async function selectNamePrefixMatches(
  db: Db,
  query: { driver: string; otherWords: string[]; limit: number },
): Promise<NameMatch[]> {
  const filters = otherWordsFilter(query.otherWords, false);
  const rows = await sql<{ customer_id: string; term: string }>`
    SELECT t.customer_id, t.term
    FROM customer_name_terms t
    WHERE t.term >= ${query.driver} AND t.term < ${prefixUpperBound(query.driver)}
    ${filters.length > 0 ? sql`AND ${sql.join(filters, sql` AND `)}` : sql``}
    ORDER BY t.term, t.search_name, t.customer_id
    LIMIT ${query.limit}
  `.execute(db);
  return rows.rows.map((row) => ({ customerId: row.customer_id, term: row.term }));
}

/** Dictionary words that look like `word` (trigram similarity), most similar first. */
export async function selectSimilarTerms(db: Db, word: string, limit: number): Promise<string[]> {
  const rows = await sql<{ term: string }>`
    SELECT term FROM name_terms
    WHERE term % ${word}
    ORDER BY similarity(term, ${word}) DESC, term
    LIMIT ${limit}
  `.execute(db);
  return rows.rows.map((row) => row.term);
}

/**
 * Names containing one of `terms`, in the order of `terms` (most similar first). Each
 * word's index range is walked only until `limit` rows pass the filter, so a common
 * word like "smith" (tens of thousands of names) costs no more than a rare one.
 */
export async function selectNamesWithTerms(
  db: Db,
  query: { terms: string[]; otherWords: string[]; limit: number },
): Promise<NameMatch[]> {
  if (query.terms.length === 0) return [];
  const filters = otherWordsFilter(query.otherWords, true);
  const rows = await sql<{ customer_id: string; term: string }>`
    SELECT m.customer_id, m.term
    FROM unnest(${query.terms}::text[]) WITH ORDINALITY AS q(term, position)
    CROSS JOIN LATERAL (
      SELECT t.customer_id, t.term, t.search_name
      FROM customer_name_terms t
      WHERE t.term = q.term COLLATE "C"
      ${filters.length > 0 ? sql`AND ${sql.join(filters, sql` AND `)}` : sql``}
      ORDER BY t.search_name, t.customer_id
      LIMIT ${query.limit}
    ) m
    ORDER BY q.position, m.search_name, m.customer_id
    LIMIT ${query.limit}
  `.execute(db);
  return rows.rows.map((row) => ({ customerId: row.customer_id, term: row.term }));
}

/** Which of `candidates` are words of some customer's name. */
export async function selectKnownTerms(db: Db, candidates: string[]): Promise<string[]> {
  if (candidates.length === 0) return [];
  const rows = await db
    .selectFrom('name_terms')
    .select('term')
    .where('term', 'in', candidates)
    .execute();
  return rows.map((row) => row.term);
}

/**
 * Which of `customerIds` (a few hundred at most: those sharing a phone's last digits) have
 * a name with every one of `words` starting a word of it, or looking like one. Read through
 * the per-customer index, in the order given.
 */
export async function selectCustomersWithNameWords(
  db: Db,
  query: { customerIds: string[]; words: string[] },
): Promise<string[]> {
  if (query.customerIds.length === 0) return [];
  const filters = otherWordsFilter(query.words, true);
  const rows = await sql<{ customer_id: string }>`
    SELECT DISTINCT t.customer_id
    FROM customer_name_terms t
    WHERE t.customer_id = ANY(${query.customerIds}::uuid[])
    ${filters.length > 0 ? sql`AND ${sql.join(filters, sql` AND `)}` : sql``}
  `.execute(db);
  const found = new Set(rows.rows.map((row) => row.customer_id));
  return query.customerIds.filter((id) => found.has(id));
}
