import { describe, expect, it } from 'vitest';
import { csvCell } from './insights-csv.ts';

describe('CSV cells of the Insights lists', () => {
  it('quotes what needs quoting and leaves numbers and empty values plain', () => {
    expect(csvCell('Ann Smith')).toBe('Ann Smith');
    expect(csvCell('Smith, Ann')).toBe('"Smith, Ann"');
    expect(csvCell('The "Boss"')).toBe('"The ""Boss"""');
    expect(csvCell(-1250)).toBe('-1250');
    expect(csvCell(null)).toBe('');
  });

  it('keeps a name that looks like a formula from running in a spreadsheet', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell('+44 shop')).toBe("'+44 shop");
    expect(csvCell('@home')).toBe("'@home");
  });
});
