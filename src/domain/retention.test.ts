import { describe, expect, it } from 'vitest';
import {
  defaultRetentionYears,
  isRetentionYears,
  retentionCutoff,
  retentionYears,
} from './retention.ts';

describe('accounting retention', () => {
  it('defaults by the shop country, 7 years where the law is not known', () => {
    expect(defaultRetentionYears('NL')).toBe(7);
    expect(defaultRetentionYears('NO')).toBe(5);
    expect(defaultRetentionYears('GB')).toBe(6);
    expect(defaultRetentionYears('gb')).toBe(6);
    expect(defaultRetentionYears('IE')).toBe(7);
  });

  it('takes the shop setting over the country default', () => {
    expect(retentionYears({ defaultCountry: 'NO', accountingRetentionYears: null })).toBe(5);
    expect(retentionYears({ defaultCountry: 'NO', accountingRetentionYears: 10 })).toBe(10);
  });

  it('accepts whole years from 1 to 30 only', () => {
    expect([1, 7, 30].every(isRetentionYears)).toBe(true);
    expect([0, 31, 6.5, '7', null].some(isRetentionYears)).toBe(false);
  });

  it('cuts off whole calendar years back, 29 February to 28 February', () => {
    expect(retentionCutoff(new Date('2026-12-01T10:30:00Z'), 6).toISOString()).toBe(
      '2020-12-01T10:30:00.000Z',
    );
    expect(retentionCutoff(new Date('2028-02-29T08:00:00Z'), 1).toISOString()).toBe(
      '2027-02-28T08:00:00.000Z',
    );
    expect(retentionCutoff(new Date('2028-02-29T08:00:00Z'), 4).toISOString()).toBe(
      '2024-02-29T08:00:00.000Z',
    );
  });
});
