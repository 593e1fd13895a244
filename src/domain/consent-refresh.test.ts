import { describe, expect, it } from 'vitest';
import {
  consentAgeCutoff,
  isConsentMaxAgeMonths,
  isConsentStale,
  usableForSending,
  type ConsentRecordFacts,
  type ConsentSendingPolicy,
} from './consent-refresh.ts';

const now = new Date('2026-12-01T10:30:00Z');
const settings = { consentMaxAgeMonths: 24, allowStaleConsentForSending: false };

function record(changes: Partial<ConsentRecordFacts> = {}): ConsentRecordFacts {
  return {
    channel: 'email',
    granted: true,
    wordingId: 'w2',
    at: new Date('2026-01-01T00:00:00Z'),
    ...changes,
  };
}

describe('consentMaxAgeMonths', () => {
  it('accepts whole months from 1 to 120 only', () => {
    expect([1, 24, 120].every(isConsentMaxAgeMonths)).toBe(true);
    expect([0, 121, 2.5, '24', null, undefined].some(isConsentMaxAgeMonths)).toBe(false);
  });
});

describe('consentAgeCutoff', () => {
  it.each([
    ['2026-12-01T10:30:00Z', 24, '2024-12-01T10:30:00.000Z'],
    ['2026-12-01T10:30:00Z', 12, '2025-12-01T10:30:00.000Z'],
    ['2026-03-01T00:00:00Z', 1, '2026-02-01T00:00:00.000Z'],
    // A day the target month lacks becomes its last day, never the 1st of the next month.
    ['2026-05-31T08:00:00Z', 3, '2026-02-28T08:00:00.000Z'],
    ['2028-05-31T08:00:00Z', 3, '2028-02-29T08:00:00.000Z'],
    ['2026-03-31T23:59:59Z', 120, '2016-03-31T23:59:59.000Z'],
  ])('%s less %i months is %s', (at, months, cutoff) => {
    expect(consentAgeCutoff(new Date(at), months).toISOString()).toBe(cutoff);
  });
});

describe('isConsentStale', () => {
  it.each<[string, Partial<ConsentRecordFacts>, string | null, string[]]>([
    ['fresh, current wording', {}, 'w2', []],
    ['exactly at the cut-off', { at: new Date('2024-12-01T10:30:00Z') }, 'w2', []],
    [
      'a second before the cut-off',
      { at: new Date('2024-12-01T10:29:59Z') },
      'w2',
      ['older_than_24_months'],
    ],
    ['under an older wording', { wordingId: 'w1' }, 'w2', ['outdated_wording']],
    ['reduced by erasure (no wording)', { wordingId: null }, 'w2', ['outdated_wording']],
    ['no current wording set', { wordingId: 'w1' }, null, []],
    [
      'old and outdated',
      { at: new Date('2020-01-01T00:00:00Z'), wordingId: 'w1' },
      'w2',
      ['older_than_24_months', 'outdated_wording'],
    ],
    [
      'a withdrawal never goes stale',
      { granted: false, at: new Date('2020-01-01T00:00:00Z'), wordingId: 'w1' },
      'w2',
      [],
    ],
  ])('%s', (_, changes, current, reasons) => {
    expect(isConsentStale(record(changes), current, settings, now)).toEqual(reasons);
  });

  it('names the shop’s age in the reason', () => {
    const old = record({ at: new Date('2025-06-01T00:00:00Z') });
    expect(isConsentStale(old, 'w2', { consentMaxAgeMonths: 6 }, now)).toEqual([
      'older_than_6_months',
    ]);
  });
});

describe('usableForSending', () => {
  const policy: ConsentSendingPolicy = { ...settings, currentWordingIds: { email: 'w2' } };
  const old = record({ at: new Date('2020-01-01T00:00:00Z') });

  it.each<[string, ConsentRecordFacts | null, ConsentSendingPolicy, boolean]>([
    ['fresh consent', record(), policy, true],
    ['no record at all', null, policy, false],
    ['withdrawn', record({ granted: false }), policy, false],
    ['too old', old, policy, false],
    ['outdated wording', record({ wordingId: 'w1' }), policy, false],
    ['too old, stale allowed', old, { ...policy, allowStaleConsentForSending: true }, true],
    [
      'withdrawn, stale allowed',
      record({ granted: false }),
      { ...policy, allowStaleConsentForSending: true },
      false,
    ],
    // The current wording is looked up for the record's own channel.
    [
      'sms under any wording when sms has none set',
      record({ channel: 'sms', wordingId: 'w1' }),
      policy,
      true,
    ],
  ])('%s', (_, latest, given, usable) => {
    expect(usableForSending(latest, given, now)).toBe(usable);
  });

  it('a stale record becomes usable again once refreshed', () => {
    expect(usableForSending(old, policy, now)).toBe(false);
    expect(usableForSending(record({ at: now }), policy, now)).toBe(true);
  });
});
