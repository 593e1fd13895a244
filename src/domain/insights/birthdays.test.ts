import { describe, expect, it } from 'vitest';
import { birthdayWithin, monthDaysAhead } from './birthdays.ts';
import { validateSegmentDefinition } from './segments.ts';

describe('birthdays ahead', () => {
  it('crosses the year end', () => {
    const ahead = monthDaysAhead('2026-12-29', 5).map((day) => day.monthDay);
    expect(ahead).toEqual(['12-29', '12-30', '12-31', '01-01', '01-02']);
    expect(birthdayWithin('1980-01-02', '2026-12-29', 5)).toBe('2027-01-02');
    expect(birthdayWithin('1980-01-03', '2026-12-29', 5)).toBeNull();
  });

  it('celebrates 29 February on the 28th in a year without one', () => {
    expect(birthdayWithin('1992-02-29', '2027-02-27', 3)).toBe('2027-02-28');
    expect(monthDaysAhead('2027-02-28', 1).map((day) => day.monthDay)).toEqual(['02-28', '02-29']);
    // In a leap year it has its own day, and the 28th is only the 28th.
    expect(birthdayWithin('1992-02-29', '2028-02-27', 2)).toBeNull();
    expect(birthdayWithin('1992-02-29', '2028-02-27', 3)).toBe('2028-02-29');
  });
});

describe('segment definitions', () => {
  it('accepts each list and names the field at fault', () => {
    expect(validateSegmentDefinition({ list: 'top', by: 'spend' }).ok).toBe(true);
    expect(validateSegmentDefinition({ list: 'birthdays', days: 0 })).toMatchObject({
      ok: false,
      field: 'definition.days',
    });
    expect(validateSegmentDefinition({ list: 'segment', segment: 'VIPs' })).toMatchObject({
      ok: false,
      field: 'definition.segment',
    });
    expect(validateSegmentDefinition({ list: 'everyone' })).toMatchObject({
      ok: false,
      field: 'definition.list',
    });
  });
});
