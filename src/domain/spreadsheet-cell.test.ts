import { describe, expect, it } from 'vitest';
import { spreadsheetSafe } from './spreadsheet-cell.ts';

describe('spreadsheetSafe', () => {
  it.each([
    ['=HYPERLINK("http://x","click")', `'=HYPERLINK("http://x","click")`],
    ['+cmd|"/C calc"!A0', `'+cmd|"/C calc"!A0`],
    ['-2+3+cmd|x', `'-2+3+cmd|x`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1+1', `'\t=1+1`],
  ])('makes %j text', (text, safe) => {
    expect(spreadsheetSafe(text)).toBe(safe);
  });

  it.each(['Ann Smith', '-12.50', '+44 7700 900123', '12', '', 'O=K'])(
    'leaves %j as it is',
    (text) => {
      expect(spreadsheetSafe(text)).toBe(text);
    },
  );
});
