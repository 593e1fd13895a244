import { invalid, ok, type Result } from './result.ts';
import { minor, type Minor, type Points } from './units.ts';

/**
 * Money is an integer count of the currency's minor unit (pence, cents, øre) plus the
 * ISO currency; no floating point ever touches it.
 */
export type Money = { readonly amount: number; readonly currency: string };

/** Minor-unit digits per currency; anything not listed has two. */
const minorDigits: Readonly<Record<string, number>> = {
  JPY: 0,
  KRW: 0,
  ISK: 0,
  CLP: 0,
  BHD: 3,
  KWD: 3,
  OMR: 3,
};

export function decimalsOf(currency: string): number {
  return minorDigits[currency] ?? 2;
}

export function money(amount: number, currency: string): Money {
  if (!Number.isSafeInteger(amount))
    throw new Error(`money amount must be a safe integer, got ${amount}`);
  return { amount, currency };
}

/** Reads "12.50" (or "12,50") in the currency; more decimals than it has is an error, not rounding. */
export function parseAmount(text: string, currency: string, field = 'amount'): Result<Minor> {
  const trimmed = text.trim().replace(',', '.');
  const match = /^(-)?(\d{1,13})(?:\.(\d+))?$/.exec(trimmed);
  if (!match) return invalid(field, `${field} must be a number like 12.50`);
  const decimals = decimalsOf(currency);
  const fraction = match[3] ?? '';
  if (fraction.length > decimals) {
    return invalid(field, `${field} has more decimals than ${currency} has (${decimals})`);
  }
  const units = Number(match[2]) * 10 ** decimals + Number(fraction.padEnd(decimals, '0') || '0');
  // 13 digits of a three-decimal currency go past what a double holds exactly.
  if (!Number.isSafeInteger(units)) return invalid(field, `${field} is too large`);
  return ok(minor(match[1] ? -units : units));
}

/** "12.50" for 1250 GBP; the sign is kept. */
export function formatAmount(amount: number, currency: string): string {
  const decimals = decimalsOf(currency);
  const sign = amount < 0 ? '-' : '';
  const digits = String(Math.abs(amount)).padStart(decimals + 1, '0');
  return decimals === 0
    ? `${sign}${digits}`
    : `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/**
 * Splits `total` into parts proportional to `weights` that add up to `total` exactly:
 * each part is rounded down, and the units left over go to the parts with the largest
 * remainders (ties to the earliest). Works for negative totals by symmetry. The parts are
 * of the total's kind: money splits into money, points into points.
 */
export function prorate(total: Minor, weights: readonly number[]): Minor[];
export function prorate(total: Points, weights: readonly number[]): Points[];
export function prorate(total: number, weights: readonly number[]): number[];
export function prorate(total: number, weights: readonly number[]): number[] {
  return prorateNumbers(total, weights);
}

function prorateNumbers(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total)) throw new Error('prorate total must be a safe integer');
  if (weights.some((weight) => !Number.isSafeInteger(weight) || weight < 0)) {
    throw new Error('prorate weights must be non-negative integers');
  }
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  if (weights.length === 0) {
    if (total !== 0) throw new Error('cannot prorate a non-zero total over nothing');
    return [];
  }
  if (weightSum === 0)
    return prorateNumbers(
      total,
      weights.map(() => 1),
    );
  if (total < 0) return prorateNumbers(-total, weights).map((part) => (part === 0 ? 0 : -part));
  // BigInt keeps total * weight exact even for large amounts.
  const shares = weights.map((weight) => {
    const product = BigInt(total) * BigInt(weight);
    return {
      floor: Number(product / BigInt(weightSum)),
      remainder: Number(product % BigInt(weightSum)),
    };
  });
  let left = total - shares.reduce((sum, share) => sum + share.floor, 0);
  const order = shares
    .map((share, index) => ({ index, remainder: share.remainder }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  const parts = shares.map((share) => share.floor);
  for (const { index } of order) {
    if (left === 0) break;
    parts[index]! += 1;
    left -= 1;
  }
  return parts;
}

/** Rounds a non-negative rational numerator/denominator half up, in integers. */
export function divideRoundHalfUp(numerator: number, denominator: number): number {
  if (denominator <= 0) throw new Error('denominator must be positive');
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  const sign = n < 0n ? -1n : 1n;
  const magnitude = (sign * n * 2n + d) / (2n * d);
  return Number(sign * magnitude);
}
