import { describe, expect, it } from 'vitest';
import { criteriaOfListDefinition } from './legacy-definitions.ts';
import { usesProfiling } from './segment-criteria.ts';
import { validateSegmentCriteria } from './segment-validation.ts';

const groupId = '01937a2b-0000-7000-8000-000000000001';

describe('validateSegmentCriteria', () => {
  it('accepts every criterion together, trimming text and dropping nulls', () => {
    const checked = validateSegmentCriteria({
      groupId,
      outletId: groupId,
      rfmSegment: 'Champions',
      lapsed: false,
      birthdayDays: 7,
      topPercent: 10,
      spendMin: 0,
      spendMax: 50_000,
      visitsMin: 2,
      visitsMax: 2,
      lastVisitAfter: '2026-01-01',
      lastVisitBefore: '2026-06-30',
      lastVisitWithinDays: 90,
      boughtCategory: ' denim ',
      boughtBrand: "Levi's",
      emailConsent: 'granted',
    });
    expect(checked.ok).toBe(true);
    if (checked.ok) expect(checked.value.boughtCategory).toBe('denim');
    // An unknown key is refused even when its value is empty.
    expect(validateSegmentCriteria({ spendFrom: null })).toMatchObject({
      ok: false,
      field: 'definition.spendFrom',
    });
  });

  it('returns the criteria it was given', () => {
    const checked = validateSegmentCriteria({
      boughtCategory: ' denim ',
      emailConsent: 'none',
      spendMax: 100,
      groupId: null,
    });
    expect(checked).toEqual({
      ok: true,
      value: { boughtCategory: 'denim', emailConsent: 'none', spendMax: 100 },
    });
    expect(validateSegmentCriteria({})).toEqual({ ok: true, value: {} });
  });

  it.each([
    [null, 'definition'],
    [[], 'definition'],
    [{ list: 'lapsed' }, 'definition.list'],
    [{ spendMin: -1 }, 'definition.spendMin'],
    [{ spendMin: 12.5 }, 'definition.spendMin'],
    [{ spendMax: '100' }, 'definition.spendMax'],
    [{ spendMin: 200, spendMax: 100 }, 'definition.spendMax'],
    [{ visitsMin: 3, visitsMax: 2 }, 'definition.visitsMax'],
    [{ visitsMin: 1.5 }, 'definition.visitsMin'],
    [{ topPercent: 0 }, 'definition.topPercent'],
    [{ topPercent: 101 }, 'definition.topPercent'],
    [{ birthdayDays: 0 }, 'definition.birthdayDays'],
    [{ birthdayDays: 367 }, 'definition.birthdayDays'],
    [{ rfmSegment: 'Winners' }, 'definition.rfmSegment'],
    [{ lapsed: 'yes' }, 'definition.lapsed'],
    [{ lastVisitBefore: '2026-02-30' }, 'definition.lastVisitBefore'],
    [{ lastVisitAfter: '1 March' }, 'definition.lastVisitAfter'],
    [{ lastVisitAfter: '2026-03-01', lastVisitBefore: '2026-03-01' }, 'definition.lastVisitBefore'],
    [{ lastVisitWithinDays: 0 }, 'definition.lastVisitWithinDays'],
    [{ groupId: 'vip' }, 'definition.groupId'],
    [{ outletId: 42 }, 'definition.outletId'],
    [{ boughtCategory: '  ' }, 'definition.boughtCategory'],
    [{ boughtBrand: 'x'.repeat(81) }, 'definition.boughtBrand'],
    [{ emailConsent: 'yes' }, 'definition.emailConsent'],
  ])('refuses %j naming %s', (input, field) => {
    const checked = validateSegmentCriteria(input);
    expect(checked).toMatchObject({ ok: false, code: 'validation_failed', field });
    if (!checked.ok) expect(checked.message).toContain(field);
  });
});

describe('usesProfiling', () => {
  it.each([
    [{}, false],
    [{ groupId, outletId: groupId, emailConsent: 'granted' as const }, false],
    [{ spendMin: 0 }, true],
    [{ boughtBrand: 'Harbour' }, true],
    [{ birthdayDays: 3 }, true],
    [{ lapsed: false }, true],
  ])('%j → %s', (criteria, expected) => {
    expect(usesProfiling(criteria as never)).toBe(expected);
  });
});

describe('criteriaOfListDefinition', () => {
  it('reads each Insights list filter as criteria that validate', () => {
    const cases = [
      [{ list: 'lapsed', outletId: null }, { lapsed: true }],
      [
        { list: 'birthdays', days: 14, outletId: groupId },
        { birthdayDays: 14, outletId: groupId },
      ],
      [{ list: 'top', by: 'spend', outletId: null }, { topPercent: 100 }],
      [{ list: 'segment', segment: 'At Risk', outletId: null }, { rfmSegment: 'At Risk' }],
    ] as const;
    for (const [definition, criteria] of cases) {
      const read = criteriaOfListDefinition(definition);
      expect(read).toEqual(criteria);
      expect(validateSegmentCriteria(read).ok).toBe(true);
      expect(usesProfiling(read)).toBe(true);
    }
  });
});
