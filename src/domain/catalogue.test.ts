import { describe, expect, it } from 'vitest';
import { validateProduct } from './catalogue.ts';

describe('validateProduct', () => {
  it('reads a product line', () => {
    expect(
      validateProduct(
        {
          sku: ' TEE-1 ',
          barcode: '5012345678900',
          name: 'Tee',
          size: 'M',
          price: '12.50',
          taxRate: '20',
        },
        'GBP',
      ),
    ).toEqual({
      ok: true,
      value: {
        sku: 'TEE-1',
        barcode: '5012345678900',
        name: 'Tee',
        category: null,
        brand: null,
        size: 'M',
        colour: null,
        price: 1250,
        currency: 'GBP',
        taxRateBp: 2000,
      },
    });
    expect(
      validateProduct({ sku: 'B', name: 'Book', price: '9', taxRate: '5.5' }, 'GBP'),
    ).toMatchObject({
      ok: true,
      value: { price: 900, taxRateBp: 550 },
    });
  });
  it.each([
    [{ name: 'x', price: '1', taxRate: '0' }, 'sku'],
    [{ sku: 'A', price: '1', taxRate: '0' }, 'name'],
    [{ sku: 'A', name: 'x', price: '1.999', taxRate: '0' }, 'price'],
    [{ sku: 'A', name: 'x', price: '-1', taxRate: '0' }, 'price'],
    [{ sku: 'A', name: 'x', price: '1', taxRate: '120' }, 'taxRate'],
    [{ sku: 'A', name: 'x', price: '1', taxRate: '20', barcode: 'abc' }, 'barcode'],
  ])('refuses %j naming %s', (input, field) => {
    expect(validateProduct(input, 'GBP')).toMatchObject({ ok: false, field });
  });
});
