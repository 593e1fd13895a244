import { fail, ok, type Result } from './result.ts';

/** Letters that do not decompose under NFKD but that people type without the accent. */
const foldedLetters: Readonly<Record<string, string>> = {
  ø: 'o',
  æ: 'ae',
  å: 'a',
  ß: 'ss',
  đ: 'd',
  ł: 'l',
  œ: 'oe',
  þ: 'th',
};

/**
 * The searchable form of a name: lower case, accents folded, apostrophes dropped
 * (O'Brien -> obrien), everything else that is not a letter or digit a word break
 * (Hughes-Jones -> hughes jones). The same function normalises the query.
 */
export function searchableName(name: string): string {
  const folded = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[øæåßđłœþ]/g, (letter) => foldedLetters[letter] ?? letter)
    .replace(/['’`]/g, '');
  return folded
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

export function nameTerms(name: string): string[] {
  const normalised = searchableName(name);
  return normalised === '' ? [] : [...new Set(normalised.split(' '))];
}

export const maxNameLength = 120;

/** A name as a person typed it, tidied: trimmed, inner whitespace collapsed. */
export function normaliseDisplayName(input: string): Result<string> {
  const name = input.trim().replace(/\s+/g, ' ');
  if (name === '') return fail('validation_failed', 'name must not be empty', { field: 'name' });
  if (name.length > maxNameLength) {
    return fail('validation_failed', `name must be at most ${maxNameLength} characters`, {
      field: 'name',
    });
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) {
    return fail('validation_failed', 'name must not contain control characters', {
      field: 'name',
    });
  }
  if (searchableName(name) === '') {
    return fail('validation_failed', 'name must contain a letter or digit', { field: 'name' });
  }
  return ok(name);
}
