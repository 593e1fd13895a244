import { sql, type RawBuilder } from 'kysely';

/**
 * Pieces of the word-index searches (customer names, product names): a word table ordered
 * by (term, search_name) in C collation, walked as a range from the typed prefix.
 */

/** The smallest string greater than every string starting with `prefix` (C collation). */
export function prefixUpperBound(prefix: string): string {
  const codePoints = [...prefix];
  const last = codePoints.pop() ?? '';
  return codePoints.join('') + String.fromCodePoint((last.codePointAt(0) ?? 0) + 1);
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (match) => `\\${match}`);
}

/** `word` starts some word of the row's space-separated `t.search_name`. */
export function startsAWord(word: string): RawBuilder<boolean> {
  return sql<boolean>`(' ' || t.search_name) LIKE ${'% ' + escapeLike(word) + '%'}`;
}
