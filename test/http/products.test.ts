import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { createTestCatalogue } from '../support/catalogue.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

describe.each(testDatabases())('product search by name at the till on $name', (database) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let cashier: string;

  const search = async (q: string, limit?: number) => {
    const query = new URLSearchParams({ q, ...(limit ? { limit: String(limit) } : {}) });
    const response = await t.call('GET', `/products/search?${query.toString()}`, cashier);
    expect(response.statusCode).toBe(200);
    return (response.json().items as { name: string; sku: string }[]).map((item) => item.sku);
  };

  beforeAll(async () => {
    handle = await database.open();
    t = await buildTestApp(handle);
    await createTestCatalogue(handle.db);
    cashier = await t.cookieFor('cashier');
    const more = [
      { sku: 'TEE-S-WHT', name: 'Linen tee', brand: 'Harbour', size: 'S', colour: 'white' },
      { sku: 'TEETH-1', name: 'Teething ring', brand: 'Babyco' },
      { sku: 'JEAN-30', name: 'Straight jeans', brand: "Levi's", size: '30', colour: 'indigo' },
    ];
    const admin = await t.cookieFor('admin');
    for (const product of more) {
      const saved = await t.call('POST', '/products', admin, {
        ...product,
        price: '20.00',
        taxRate: '20',
      });
      expect(saved.statusCode).toBe(200);
    }
  });
  afterAll(async () => {
    await t?.app.close();
    await handle?.close();
  });

  it('finds products from a few letters of any word, exact words first, then by name', async () => {
    expect(await search('lin')).toEqual(['TEE-M-BLK', 'TEE-S-WHT']);
    // "tee" itself before "teething"; the two tees by their full searchable name.
    expect(await search('tee')).toEqual(['TEE-M-BLK', 'TEE-S-WHT', 'TEETH-1']);
    expect(await search('tee bl')).toEqual(['TEE-M-BLK']);
    expect(await search('white lin')).toEqual(['TEE-S-WHT']);
    expect(await search('jeans 30')).toEqual(['JEAN-30']);
    expect(await search('levis')).toEqual(['JEAN-30', 'JEAN-32']);
    expect(await search('Socks')).toEqual(['SOCK-3']);
    expect(await search('paperb')).toEqual(['BOOK-1']);
  });

  it('finds nothing for what no product has, and keeps to the limit', async () => {
    expect(await search('zebra')).toEqual([]);
    expect(await search('  ')).toEqual([]);
    expect(await search('tee', 2)).toEqual(['TEE-M-BLK', 'TEE-S-WHT']);
    const tooMany = await t.call('GET', '/products/search?q=tee&limit=26', cashier);
    expect(tooMany.statusCode).toBe(400);
  });

  it('follows a renamed product, by its new name only', async () => {
    const renamed = await t.call('POST', '/products', await t.cookieFor('admin'), {
      sku: 'TEETH-1',
      name: 'Soft rattle',
      brand: 'Babyco',
      price: '5.00',
      taxRate: '20',
    });
    expect(renamed.statusCode).toBe(200);
    expect(await search('teething')).toEqual([]);
    expect(await search('rattle')).toEqual(['TEETH-1']);
  });

  it('still finds a product by its scanned code', async () => {
    const scanned = await t.call('GET', '/products/5012345678900', cashier);
    expect(scanned.json().product.sku).toBe('TEE-M-BLK');
  });
});
