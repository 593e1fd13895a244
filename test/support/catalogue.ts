import { upsertProducts, type NewProduct } from '../../src/store/catalogue.ts';
import type { Db } from '../../src/store/database.ts';

/** A handful of products for sale tests (prices in pence, tax-inclusive at 20%). */
export const testProducts: NewProduct[] = [
  {
    sku: 'TEE-M-BLK',
    barcode: '5012345678900',
    name: 'Linen tee',
    category: 'tops',
    brand: 'Harbour',
    size: 'M',
    colour: 'black',
    price: 2500,
    currency: 'GBP',
    taxRateBp: 2000,
  },
  {
    sku: 'JEAN-32',
    barcode: '5012345678917',
    name: 'Straight jeans',
    category: 'denim',
    brand: "Levi's",
    size: '32',
    colour: 'indigo',
    price: 8000,
    currency: 'GBP',
    taxRateBp: 2000,
  },
  {
    sku: 'SOCK-3',
    barcode: null,
    name: 'Socks, three pairs',
    category: 'accessories',
    brand: 'Harbour',
    size: null,
    colour: null,
    price: 1000,
    currency: 'GBP',
    taxRateBp: 2000,
  },
  {
    sku: 'BOOK-1',
    barcode: '9780140449136',
    name: 'A paperback',
    category: 'books',
    brand: null,
    size: null,
    colour: null,
    price: 999,
    currency: 'GBP',
    taxRateBp: 0,
  },
];

export async function createTestCatalogue(db: Db): Promise<void> {
  await upsertProducts(db, testProducts);
}
