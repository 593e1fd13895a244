import { minor } from '@domain/units.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAmount } from '@domain/money.ts';
import { priceLine, pricingModes } from '@domain/sales.ts';
import type { Product } from '@contract/catalogue.ts';
import { addProduct, checkLine, estimate, saleBody, type DraftLine } from './sale-lines.ts';

function product(overrides: Partial<Product> = {}): Product {
  return {
    id: 'p1',
    sku: 'TEE-M',
    barcode: '5012345678900',
    name: 'T-shirt',
    category: null,
    brand: null,
    size: null,
    colour: null,
    price: 1500,
    currency: 'GBP',
    taxRateBp: 2000,
    active: true,
    ...overrides,
  };
}

const line = (quantity: string, discount = '', p = product()): DraftLine => ({
  product: p,
  quantity,
  discount,
});

describe('a basket line as the cashier typed it', () => {
  it('is price × quantity − discount, in minor units', () => {
    expect(checkLine(line('2', '2.50'))).toEqual({
      quantity: 2,
      discount: 250,
      total: 2750,
      error: null,
    });
  });

  it.each(['0', '', '1.5', '-1', '10001', 'two'])('refuses the quantity %j', (quantity) => {
    const checked = checkLine(line(quantity));
    expect(checked.total).toBeNull();
    expect(checked.error).toBe('Quantity must be a whole number from 1 to 10000');
  });

  it('refuses a discount that is no amount, or more than the line', () => {
    expect(checkLine(line('1', 'abc')).error).toBe('Discount must be an amount like 2.50');
    expect(checkLine(line('1', '15.01')).error).toBe('Discount must not be more than the line');
    expect(checkLine(line('1', '15.00')).total).toBe(0);
  });
});

describe('a line as the outlet prices it', () => {
  it('adds the product’s tax when the outlet’s prices exclude it', () => {
    expect(checkLine(line('2', '2.50'), 'tax_exclusive')).toEqual({
      quantity: 2,
      discount: 250,
      total: 3300,
      error: null,
    });
    const lines = [line('2', '2.50')];
    expect(estimate(lines, [], 'GBP', 'tax_exclusive').total).toBe(3300);
    expect(estimate(lines, [], 'GBP', 'tax_inclusive').total).toBe(2750);
  });

  it('comes to what the server’s priceLine makes of it, or is refused where priceLine refuses', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 12_000 }),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.constantFrom(...pricingModes),
        (price, quantity, discount, taxRateBp, mode) => {
          const typed = line(
            String(quantity),
            discount === 0 ? '' : formatAmount(discount, 'GBP'),
            product({ price, taxRateBp }),
          );
          const server = priceLine({ unitPrice: price, quantity, discount, taxRateBp }, mode);
          const till = checkLine(typed, mode);
          expect(till.total).toBe(server.ok ? server.value.total : null);
          expect(till.error === null).toBe(server.ok);
          if (!server.ok) {
            expect(server.field?.endsWith(till.quantity === null ? 'quantity' : 'discount')).toBe(
              true,
            );
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('scanning into the basket', () => {
  it('adds one to the line of a product scanned again, and puts a new one at the end', () => {
    const other = product({ id: 'p2', sku: 'CAP' });
    let lines = addProduct([], product());
    lines = addProduct(lines, other);
    lines = addProduct(lines, product());
    expect(lines.map((l) => [l.product.id, l.quantity])).toEqual([
      ['p1', '2'],
      ['p2', '1'],
    ]);
  });

  it('starts again from one when the quantity typed was no number', () => {
    expect(addProduct([line('x')], product())[0]?.quantity).toBe('1');
  });
});

describe('the estimate', () => {
  it('adds the lines and the stored value sold, in the basket’s currency', () => {
    const lines = [line('2'), line('1', '1.00', product({ id: 'p2', price: 500 }))];
    expect(estimate(lines, [{ kind: 'store_credit', amount: minor(1000) }], 'EUR')).toEqual({
      total: 3000 + 400 + 1000,
      currency: 'GBP',
      valid: true,
    });
  });

  it('is not valid while a line is wrong or the basket is empty', () => {
    expect(estimate([line('0')]).valid).toBe(false);
    expect(estimate([], [], 'EUR')).toEqual({ total: 0, currency: 'EUR', valid: false });
  });
});

describe('the sale sent to the server', () => {
  it('names products by barcode, else SKU, leaves out a zero discount and adds the customer', () => {
    const body = saleBody(
      [line('2', '1.00'), line('1', '', product({ id: 'p2', barcode: null, sku: 'CAP' }))],
      'c1',
      [{ kind: 'cash', received: minor(5000) }],
      [
        {
          kind: 'gift_card',
          number: null,
          email: 'a@example.com',
          amount: minor(2000),
          note: null,
        },
      ],
    );
    expect(body).toEqual({
      customer: { id: 'c1' },
      lines: [
        { product: '5012345678900', quantity: 2, discount: 100 },
        { product: 'CAP', quantity: 1 },
        { kind: 'gift_card', amount: 2000, email: 'a@example.com' },
      ],
      tenders: [{ kind: 'cash', received: 5000 }],
    });
  });

  it('has no customer when none is attached', () => {
    expect(saleBody([line('1')], null, [])).not.toHaveProperty('customer');
  });
});
