import { describe, expect, it } from 'vitest';
import { prefillFrom } from './till-helpers.ts';

describe('the new-customer form takes over what was searched for', () => {
  it.each([
    ['', { name: '', phone: '' }],
    ['Ann Smith', { name: 'Ann Smith', phone: '' }],
    ['07911 123456', { name: '', phone: '07911 123456' }],
    ['+44 (0)7911 123456', { name: '', phone: '+44 (0)7911 123456' }],
    ['smith 07911 123456', { name: 'smith', phone: '07911 123456' }],
    // The last four digits of a phone are a search, not a phone number.
    ['4821 smith', { name: 'smith', phone: '' }],
  ])('%s', (text, expected) => {
    expect(prefillFrom(text)).toEqual(expected);
  });
});
