import { dammCheckDigit, hasValidDammCheckDigit } from './check-digit.ts';

/**
 * Customer numbers are neutral: eight random digits (never derived from personal data)
 * plus a Damm check digit. Pre-printed loyalty cards carry a longer number with their own
 * prefix, so a scan tells the two apart by shape alone.
 */
export const customerNumberLength = 9;
export const cardNumberLength = 13;
export const cardNumberPrefix = '29';

/** `randomInt(min, max)` returns an integer in [min, max); injected so the domain stays pure. */
export type RandomInt = (min: number, max: number) => number;

export function generateCustomerNumber(randomInt: RandomInt): string {
  const body = String(randomInt(10_000_000, 100_000_000));
  return body + dammCheckDigit(body);
}

export function makeCardNumber(serial: number): string {
  const body = cardNumberPrefix + String(serial).padStart(cardNumberLength - 3, '0');
  if (body.length !== cardNumberLength - 1) throw new Error('card serial out of range');
  return body + dammCheckDigit(body);
}

/** Strips the spaces and dashes people and printers put into numbers. */
export function compactDigits(input: string): string {
  return input.replace(/[\s-]/g, '');
}

export function isCustomerNumber(input: string): boolean {
  const digits = compactDigits(input);
  return digits.length === customerNumberLength && hasValidDammCheckDigit(digits);
}

export function isCardNumber(input: string): boolean {
  const digits = compactDigits(input);
  return (
    digits.length === cardNumberLength &&
    digits.startsWith(cardNumberPrefix) &&
    hasValidDammCheckDigit(digits)
  );
}

/** Groups a customer number for print and screen: `482 109 375`. */
export function formatCustomerNumber(number: string): string {
  return number.replace(/(\d{3})(?=\d)/g, '$1 ');
}
