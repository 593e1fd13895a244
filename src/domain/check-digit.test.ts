import { describe, expect, it } from 'vitest';
import { dammCheckDigit, hasValidDammCheckDigit } from './check-digit.ts';
import {
  generateCustomerNumber,
  isCardNumber,
  isCustomerNumber,
  makeCardNumber,
} from './customer-number.ts';

describe('Damm check digit', () => {
  it.each([
    ['572', '4'],
    ['0', '0'],
  ])('check digit of %s is %s', (digits, expected) => {
    expect(dammCheckDigit(digits)).toBe(expected);
  });

  it('catches every single mistyped digit and every adjacent swap', () => {
    const body = '48210937';
    const number = body + dammCheckDigit(body);
    expect(hasValidDammCheckDigit(number)).toBe(true);
    for (let position = 0; position < number.length; position++) {
      for (let digit = 0; digit <= 9; digit++) {
        if (String(digit) === number[position]) continue;
        const typo = number.slice(0, position) + digit + number.slice(position + 1);
        expect(hasValidDammCheckDigit(typo), typo).toBe(false);
      }
      if (position + 1 < number.length && number[position] !== number[position + 1]) {
        const swapped =
          number.slice(0, position) +
          number[position + 1] +
          number[position] +
          number.slice(position + 2);
        expect(hasValidDammCheckDigit(swapped), swapped).toBe(false);
      }
    }
  });
});

describe('customer and card numbers', () => {
  it('draws nine-digit customer numbers that validate', () => {
    const draws = [10_000_000, 99_999_999, 48_210_937];
    for (const draw of draws) {
      const number = generateCustomerNumber(() => draw);
      expect(number).toMatch(/^\d{9}$/);
      expect(isCustomerNumber(number)).toBe(true);
      expect(isCardNumber(number)).toBe(false);
    }
  });

  it('makes 13-digit card numbers with the 29 prefix, told apart from customer numbers', () => {
    const card = makeCardNumber(1234);
    expect(card).toMatch(/^29\d{11}$/);
    expect(isCardNumber(card)).toBe(true);
    expect(isCardNumber(card.slice(0, -1) + ((Number(card.at(-1)) + 1) % 10))).toBe(false);
    expect(isCustomerNumber(card)).toBe(false);
  });

  it('accepts numbers with spaces and dashes as printed', () => {
    const number = generateCustomerNumber(() => 48_210_937);
    expect(isCustomerNumber(`${number.slice(0, 3)} ${number.slice(3, 6)}-${number.slice(6)}`)).toBe(
      true,
    );
  });
});
