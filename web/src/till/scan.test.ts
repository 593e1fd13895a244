import { describe, expect, it } from 'vitest';
import type { MatchedBy } from '../api.ts';
import { isScan, onEnter } from './scan.ts';
import type { CustomerSearchResult } from '@contract/customers.ts';

function result(id: string, matchedBy: MatchedBy): CustomerSearchResult {
  return {
    customer: {
      id,
      number: id,
      name: `Customer ${id}`,
      status: 'active',
      contactMask: { maskedPhone: null, maskedEmail: null, hasAddress: false, hasBirthday: false },
      cards: [],
    },
    matchedBy,
  };
}

describe('what counts as a scan', () => {
  it.each([
    ['1234', true],
    [' 600000000001 ', true],
    ['123', false],
    ['12a4', false],
    ['smith', false],
  ])('%j → %s', (text, expected) => expect(isScan(text)).toBe(expected));
});

describe('Enter in the till search', () => {
  const ann = result('1', 'name_prefix');
  const anna = result('2', 'name_prefix');

  it('finds nothing without results', () => {
    expect(onEnter({ text: 'zz', results: [], highlighted: 0, confirmed: false })).toEqual({
      kind: 'none',
    });
  });

  it('selects the highlighted row for typed text', () => {
    expect(
      onEnter({ text: 'ann', results: [ann, anna], highlighted: 1, confirmed: false }),
    ).toEqual({ kind: 'select', result: anna });
  });

  it('falls back to the first row when the highlight is past the list', () => {
    expect(onEnter({ text: 'ann', results: [ann], highlighted: 3, confirmed: false })).toEqual({
      kind: 'select',
      result: ann,
    });
  });

  it('selects a scan at once when it matched a card or customer number, or only one row', () => {
    const card = result('3', 'card');
    expect(
      onEnter({ text: '60001', results: [card, ann], highlighted: 1, confirmed: false }),
    ).toEqual({ kind: 'select', result: card });
    expect(onEnter({ text: '4821', results: [ann], highlighted: 0, confirmed: false })).toEqual({
      kind: 'select',
      result: ann,
    });
  });

  it('asks for a choice when a scan matches several by something else, then takes the choice', () => {
    const phones = [result('4', 'phone_ending'), result('5', 'phone_ending')];
    expect(onEnter({ text: '4821', results: phones, highlighted: 0, confirmed: false })).toEqual({
      kind: 'choose',
    });
    expect(onEnter({ text: '4821', results: phones, highlighted: 1, confirmed: true })).toEqual({
      kind: 'select',
      result: phones[1],
    });
  });
});
