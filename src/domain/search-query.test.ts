import { describe, expect, it } from 'vitest';
import { generateCustomerNumber, makeCardNumber } from './customer-number.ts';
import { planSearch } from './search-query.ts';

const number = generateCustomerNumber(() => 48_210_937);
const card = makeCardNumber(77);

describe('planSearch', () => {
  it.each([
    [number, { customerNumber: number }],
    [card, { cardNumber: card }],
    ['Ann.Smith@Example.com', { email: 'ann.smith@example.com' }],
    ['07911 123456', { phone: '+447911123456' }],
    ['0123', { phoneEnding: '0123' }],
    ['900123', { phoneEnding: '900123' }],
    ['ann sm', { nameWords: ['ann', 'sm'] }],
    ["O'Bri", { nameWords: ['obri'] }],
    ['sm ann', { nameWords: ['ann', 'sm'] }],
    ['4821 smith', { phoneEnding: '4821', phone: null, nameWords: ['smith'] }],
    ['ann SM 4821', { phoneEnding: '4821', nameWords: ['ann', 'sm'] }],
    ['07911 123456 ann', { phone: '+447911123456', phoneEnding: null, nameWords: ['ann'] }],
    ['flat 4 ann', { phoneEnding: null, nameWords: ['flat', 'ann', '4'] }],
  ])('%s', (query, expected) => {
    expect(planSearch(query, 'GB')).toMatchObject(expected);
  });

  it('does not treat a mistyped customer number as one', () => {
    const typo = number.slice(0, 8) + ((Number(number[8]) + 1) % 10);
    expect(planSearch(typo, 'GB').customerNumber).toBeNull();
  });
});
