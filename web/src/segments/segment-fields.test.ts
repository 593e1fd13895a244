import { describe, expect, it } from 'vitest';
import { minor } from '@domain/units.ts';
import { criteriaToFields, emptyFields, readSegmentFields } from './segment-fields.ts';

describe('segment form fields', () => {
  it('leaves out what is blank, and reads money in the shop currency', () => {
    expect(readSegmentFields(emptyFields, 'GBP')).toEqual({ ok: true, definition: {} });
    const read = readSegmentFields(
      {
        ...emptyFields,
        spendMin: '12.50',
        spendMax: '£100',
        lapsed: 'no',
        boughtBrand: ' Harbour ',
      },
      'GBP',
    );
    expect(read).toEqual({
      ok: true,
      definition: { spendMin: 1250, spendMax: 10_000, lapsed: false, boughtBrand: 'Harbour' },
    });
  });

  it('says what to fix, with the server rules', () => {
    expect(readSegmentFields({ ...emptyFields, visitsMin: 'two' }, 'GBP')).toMatchObject({
      ok: false,
    });
    expect(readSegmentFields({ ...emptyFields, spendMin: '1.234' }, 'GBP')).toMatchObject({
      ok: false,
    });
    const range = readSegmentFields({ ...emptyFields, spendMin: '50', spendMax: '10' }, 'GBP');
    expect(range).toMatchObject({ ok: false });
    if (!range.ok) expect(range.message).toContain('Spend to');
  });

  it('shows saved criteria back as typed', () => {
    const fields = criteriaToFields({ spendMin: minor(1250), topPercent: 10, lapsed: true }, 'GBP');
    expect(fields).toMatchObject({ spendMin: '12.50', topPercent: '10', lapsed: 'yes' });
    expect(readSegmentFields(fields, 'GBP')).toEqual({
      ok: true,
      definition: { spendMin: 1250, topPercent: 10, lapsed: true },
    });
  });
});
