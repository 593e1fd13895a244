import { describe, expect, it } from 'vitest';
import { computeEarning, pointsForUnits } from './loyalty-earning.ts';
import { defaultLoyaltyRules } from './loyalty-rules.ts';
import { prorate } from './money.ts';
import { drawFromLots } from './store-credit.ts';
import {
  minor,
  negate,
  noMoney,
  noPoints,
  points,
  sumMinor,
  sumPoints,
  type Minor,
  type Points,
} from './units.ts';

// The type checks below are the point of this file: `npm run check` type-checks tests, and an
// `@ts-expect-error` whose line compiles is itself an error, so a brand that stopped keeping
// money and points apart would fail the check.
function takesMoney(amount: Minor): Minor {
  return amount;
}
function takesPoints(value: Points): Points {
  return value;
}

describe('money and points are kept apart by the compiler', () => {
  it('refuses points where money is wanted, money where points are, and bare numbers for both', () => {
    const fiver = minor(500);
    const fifty = points(50);
    // @ts-expect-error points are not money
    takesMoney(fifty);
    // @ts-expect-error money is not points
    takesPoints(fiver);
    // @ts-expect-error a bare number must say what it is
    takesMoney(500);
    // @ts-expect-error a bare number must say what it is
    takesPoints(50);
    expect(takesMoney(fiver)).toBe(500);
    expect(takesPoints(fifty)).toBe(50);
  });

  it('keeps the kind through the domain’s own splits and sums', () => {
    const parts: Minor[] = prorate(minor(1000), [1, 2]);
    const shares: Points[] = prorate(points(10), [1, 1, 1]);
    // @ts-expect-error points split into points, never money
    const wrong: Minor[] = prorate(points(10), [1, 1]);
    expect(wrong).toEqual([5, 5]);
    expect(parts).toEqual([333, 667]);
    expect(shares).toEqual([4, 3, 3]);
    expect(sumMinor(parts)).toBe(1000);
    expect(sumPoints(shares)).toBe(10);
    const back: Points = pointsForUnits(points(10), { quantity: 3, returnedQuantity: 0 }, 1);
    expect(back).toBe(4);
    const pointsLots = [
      { id: 'lot', remaining: points(5), expiresAt: null, createdAt: new Date() },
    ];
    // @ts-expect-error a points lot cannot be drawn with an amount of money
    drawFromLots<Points, (typeof pointsLots)[number]>(pointsLots, minor(3), new Date());
    const earned = computeEarning(
      defaultLoyaltyRules,
      [{ category: null, total: 2500, tax: 0 }],
      [],
      {
        at: new Date(),
        groupMultiplierBp: 10_000,
      },
    );
    // @ts-expect-error what a sale earns is points
    takesMoney(earned.total);
    expect(takesPoints(earned.total)).toBe(2);
  });
});

describe('the constructors', () => {
  it('refuse what is not a safe whole number, so a brand always holds one', () => {
    expect(() => minor(1.5)).toThrow(RangeError);
    expect(() => points(Number.NaN)).toThrow(RangeError);
    expect(() => minor(2 ** 53)).toThrow(RangeError);
    expect(minor(-250)).toBe(-250);
  });

  it('negate keeps the kind and never makes a negative zero', () => {
    expect(Object.is(negate(noMoney), 0)).toBe(true);
    expect(Object.is(negate(noPoints), 0)).toBe(true);
    expect(negate(minor(300))).toBe(-300);
  });
});
