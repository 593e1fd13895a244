import { describe, expect, it } from 'vitest';
import { nameTerms, normaliseDisplayName, searchableName } from './names.ts';

describe('searchableName', () => {
  it.each([
    ['Ann Smith', 'ann smith'],
    ["  Seán  O'Brien ", 'sean obrien'],
    ['Zoë Hughes-Jones', 'zoe hughes jones'],
    ['Søren Øvergaard', 'soren overgaard'],
    ['JOSÉ GARCÍA', 'jose garcia'],
    ['Straße', 'strasse'],
    ['Wiśniewski', 'wisniewski'],
    ['de Vries', 'de vries'],
  ])('%s -> %s', (input, expected) => {
    expect(searchableName(input)).toBe(expected);
  });

  it('splits into distinct words', () => {
    expect(nameTerms('Anna Anna Smith-Jones')).toEqual(['anna', 'smith', 'jones']);
  });
});

describe('normaliseDisplayName', () => {
  it('tidies whitespace', () => {
    expect(normaliseDisplayName('  Ann   Smith ')).toEqual({ ok: true, value: 'Ann Smith' });
  });
  it.each([
    ['', 'name must not be empty'],
    ['   ', 'name must not be empty'],
    ['x'.repeat(121), 'name must be at most 120 characters'],
    ['Ann\u0007', 'name must not contain control characters'],
    ['---', 'name must contain a letter or digit'],
  ])('rejects %j', (input, message) => {
    expect(normaliseDisplayName(input)).toMatchObject({
      ok: false,
      code: 'validation_failed',
      field: 'name',
      message,
    });
  });
});
