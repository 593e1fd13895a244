import { searchableName } from './names.ts';

/** What a product is found by at the till: its name first, then brand, colour, size and SKU. */
export type SearchableProduct = {
  sku: string;
  name: string;
  brand: string | null;
  colour: string | null;
  size: string | null;
};

/**
 * The product's searchable text ("linen tee harbour black m tee m blk") and its distinct
 * words. Every word is a row of the term index, so "tee bl" finds the black linen tee by
 * a short index range scan, as customer names are found.
 */
export function productSearchTerms(product: SearchableProduct): {
  searchName: string;
  terms: string[];
} {
  const searchName = searchableName(
    [product.name, product.brand, product.colour, product.size, product.sku]
      .filter((part) => part !== null && part !== '')
      .join(' '),
  );
  return { searchName, terms: searchName === '' ? [] : [...new Set(searchName.split(' '))] };
}

/** The words of a typed product query, longest first (the longest narrows the index most). */
export function productQueryWords(query: string): string[] {
  const words = searchableName(query)
    .split(' ')
    .filter((word) => word !== '');
  return [...new Set(words)].sort((a, b) => b.length - a.length || a.localeCompare(b));
}
