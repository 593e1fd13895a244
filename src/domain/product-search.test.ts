import { describe, expect, it } from 'vitest';
import { productQueryWords, productSearchTerms } from './product-search.ts';

describe('product search terms', () => {
  it('are the words of name, brand, colour, size and SKU, accents folded', () => {
    expect(
      productSearchTerms({
        sku: 'TEE-M-BLK',
        name: 'Linen tée',
        brand: 'Harbour',
        colour: 'black',
        size: 'M',
      }),
    ).toEqual({
      searchName: 'linen tee harbour black m tee m blk',
      terms: ['linen', 'tee', 'harbour', 'black', 'm', 'blk'],
    });
    expect(
      productSearchTerms({ sku: 'SOCK-3', name: 'Socks', brand: null, colour: null, size: null })
        .terms,
    ).toEqual(['socks', 'sock', '3']);
  });

  it('read a query as words, longest first', () => {
    expect(productQueryWords(' Tee  BL ')).toEqual(['tee', 'bl']);
    expect(productQueryWords("levi's jean")).toEqual(['levis', 'jean']);
    expect(productQueryWords('  ')).toEqual([]);
  });
});
