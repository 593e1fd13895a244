/**
 * Money amounts and loyalty points are both whole numbers, and both are summed, split and
 * stored the same way; the compiler keeps them apart by a brand that exists only in types.
 * A number becomes one of them in one of two ways: a constructor below, which checks it is
 * a safe integer, or a schema or store type that says so (the route schemas brand what
 * Ajv has checked; the store brands columns its number parser has checked). Arithmetic on
 * branded values gives plain numbers back, so a sum is branded again where it is kept.
 */
declare const minorBrand: unique symbol;
declare const pointsBrand: unique symbol;

/** An amount of money in the currency's minor unit (pence, cents, øre). */
export type Minor = number & { readonly [minorBrand]: 'minor units' };
/** Loyalty points: never money, never converted to it except by a reward's stated value. */
export type Points = number & { readonly [pointsBrand]: 'points' };

function safeInteger(value: number, what: string): number {
  if (!Number.isSafeInteger(value))
    throw new RangeError(`${what} must be a safe integer, got ${value}`);
  return value;
}

export function minor(value: number): Minor {
  return safeInteger(value, 'a money amount') as Minor;
}

export function points(value: number): Points {
  return safeInteger(value, 'points') as Points;
}

export const noMoney: Minor = minor(0);
export const noPoints: Points = points(0);

/** The sum of amounts of one kind, of that kind. */
export function sumMinor(amounts: readonly number[]): Minor {
  return minor(amounts.reduce((total, amount) => total + amount, 0));
}

export function sumPoints(values: readonly number[]): Points {
  return points(values.reduce((total, value) => total + value, 0));
}

/** The same amount the other way (a refund of a payment, points taken back). */
export function negate(value: Minor): Minor;
export function negate(value: Points): Points;
export function negate(value: number): number {
  return value === 0 ? 0 : -value;
}
