import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divideRoundHalfUp, formatAmount, parseAmount, prorate } from './money.ts';

describe('prorate', () => {
  it.each([
    [100, [1, 1, 1], [34, 33, 33]],
    [1000, [500, 300, 200], [500, 300, 200]],
    [10, [3, 3, 3], [4, 3, 3]],
    [-100, [1, 1, 1], [-34, -33, -33]],
    [7, [0, 0], [4, 3]],
    [0, [5, 5], [0, 0]],
    [1, [1, 2], [0, 1]],
  ])('prorate(%i, %j) = %j', (total, weights, expected) => {
    expect(prorate(total, weights)).toEqual(expected);
  });

  it('always adds up to the total and never gives a part more than one unit above its share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 30 }),
        (total, weights) => {
          const parts = prorate(total, weights);
          expect(parts.reduce((sum, part) => sum + part, 0)).toBe(total);
          const effective = weights.every((weight) => weight === 0)
            ? weights.map(() => 1)
            : weights;
          const weightSum = effective.reduce((a, b) => a + b, 0);
          parts.forEach((part, i) => {
            const share = (Math.abs(total) * effective[i]!) / weightSum;
            expect(Math.abs(Math.abs(part) - share)).toBeLessThan(1);
          });
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('amounts', () => {
  it.each([
    ['12.50', 'GBP', 1250],
    ['12', 'GBP', 1200],
    ['0.05', 'EUR', 5],
    ['12,5', 'NOK', 1250],
    ['1500', 'JPY', 1500],
    ['-3.20', 'GBP', -320],
  ])('parses %s %s as %i', (text, currency, minor) => {
    expect(parseAmount(text, currency)).toEqual({ ok: true, value: minor });
    expect(formatAmount(minor, currency)).toBe(
      currency === 'JPY' ? text : Number(text.replace(',', '.')).toFixed(2),
    );
  });

  it.each([
    ['12.505', 'GBP', 'more decimals than GBP has'],
    ['1.5', 'JPY', 'more decimals than JPY has'],
    ['abc', 'GBP', 'must be a number'],
    ['1e3', 'GBP', 'must be a number'],
    ['12345678901234', 'GBP', 'must be a number'],
    ['9999999999999.999', 'KWD', 'too large'],
  ])('refuses %s %s', (text, currency, message) => {
    const result = parseAmount(text, currency, 'price');
    expect(result).toMatchObject({ ok: false, field: 'price' });
    if (!result.ok) expect(result.message).toContain(message);
  });

  it('rounds half up in integers', () => {
    expect(divideRoundHalfUp(5, 2)).toBe(3);
    expect(divideRoundHalfUp(4, 3)).toBe(1);
    expect(divideRoundHalfUp(-5, 2)).toBe(-3);
  });
});
