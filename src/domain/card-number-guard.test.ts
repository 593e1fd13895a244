import { describe, expect, it } from 'vitest';
import { containsCardNumber, passesLuhn } from './card-number-guard.ts';

describe('card number guard', () => {
  it.each([
    ['4111111111111111', true],
    ['4111 1111 1111 1111', true],
    ['ref 5500-0000-0000-0004 ok', true],
    ['378282246310005', true],
    ['TERM-0042-AUTH-883311', false],
    ['4111111111111112', false],
    ['123456789012', false],
    ['', false],
  ])('%j -> %s', (text, expected) => {
    expect(containsCardNumber(text)).toBe(expected);
  });

  it('implements Luhn', () => {
    expect(passesLuhn('79927398713')).toBe(true);
    expect(passesLuhn('79927398710')).toBe(false);
  });
});
