import { describe, expect, it } from 'vitest';
import { checkText, redactCardNumbers, textProblem } from './free-text.ts';

describe('the free-text rule', () => {
  it.each([
    ['Ann Smith', 'free', null],
    ['4111111111111111', 'free', 'card_number'],
    ['call 4111-1111-1111-1111 back', 'free', 'card_number'],
    ['4111 1111 1111 1111', 'free', 'card_number'],
    ['4222222222222', 'identifier', null],
    ['4222222222222', 'free', 'card_number'],
    ['a\u0000b', 'identifier', 'nul_character'],
    ['\uD800', 'free', 'lone_surrogate'],
    ['x\uDC00', 'identifier', 'lone_surrogate'],
    ['emoji 😀 ok', 'free', null],
    ['', 'free', null],
  ] as const)('%j as %s -> %s', (text, kind, expected) => {
    expect(textProblem(text, kind)).toBe(expected);
  });

  it('names the field and the code', () => {
    expect(checkText('4111111111111111', 'notes')).toMatchObject({
      ok: false,
      code: 'card_number_refused',
      field: 'notes',
    });
    expect(checkText('a\u0000', 'name')).toMatchObject({
      code: 'validation_failed',
      field: 'name',
    });
    expect(checkText('fine', 'name')).toEqual({ ok: true, value: 'fine' });
  });

  it('masks all but the last four digits of a card number, and nothing else', () => {
    expect(redactCardNumbers('card 4111 1111 1111 1111, table 12')).toBe(
      'card •••• •••• •••• 1111, table 12',
    );
    expect(redactCardNumbers('order 123456789012')).toBe('order 123456789012');
  });
});
