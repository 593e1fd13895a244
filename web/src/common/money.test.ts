import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAmount, parseAmount as readAmount } from '@domain/money.ts';
import { formatMoney, parseAmount, parseSignedAmount } from './money.ts';

describe('reading what a cashier types', () => {
  it.each([
    ['12.50', 'GBP', 1250],
    ['£12.50', 'GBP', 1250],
    [' 12,5 ', 'EUR', 1250],
    ['12.', 'GBP', 1200],
    ['', 'GBP', 0],
    ['£', 'GBP', 0],
    ['1500', 'JPY', 1500],
    ['1.005', 'KWD', 1005],
    ['9999999999999', 'GBP', 999999999999900],
  ])('reads %j %s as %i', (text, currency, minor) => {
    expect(parseAmount(text, currency)).toBe(minor);
  });

  it.each([
    ['abc', 'GBP'],
    ['-5.00', 'GBP'],
    ['£-5', 'GBP'],
    ['12.505', 'GBP'],
    ['1.5', 'JPY'],
    ['.', 'GBP'],
    ['.50', 'GBP'],
    ['1e3', 'GBP'],
    ['12345678901234', 'GBP'],
  ])('refuses %j %s', (text, currency) => {
    expect(parseAmount(text, currency)).toBeNull();
  });

  it('reads an adjustment with its sign', () => {
    expect(parseSignedAmount('-5.00', 'GBP')).toBe(-500);
    expect(parseSignedAmount('+£5', 'GBP')).toBe(500);
    expect(parseSignedAmount('-abc', 'GBP')).toBeNull();
  });

  it('reads every amount the server would read, as the server reads it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.constantFrom('GBP', 'JPY', 'KWD'),
        (minor, currency) => {
          const text = formatAmount(minor, currency);
          const server = readAmount(text, currency);
          expect(server).toEqual({ ok: true, value: minor });
          expect(parseAmount(text, currency)).toBe(minor);
          if (currency === 'GBP') expect(parseAmount(formatMoney(minor, 'GBP'), 'GBP')).toBe(minor);
        },
      ),
    );
  });
});
