import { describe, expect, it } from 'vitest';
import { makeCardNumber } from '../../domain/customer-number.ts';
import { parseCsvRows, readCsvLines, type CsvColumns } from './csv-rows.ts';

const giftCards: CsvColumns = {
  required: ['number', 'balance'],
  optional: ['currency', 'expires_at'],
};
const payCard = '4111 1111 1111 1111';

describe('readCsvLines', () => {
  it.each([
    { csv: '', message: 'The file is empty' },
    { csv: '\n\n  \n', message: 'The file is empty' },
    { csv: 'number,balance\n', message: 'no data lines' },
    { csv: 'number,balance\n\n\n', message: 'no data lines' },
  ])('refuses a file with nothing to import ($csv)', ({ csv, message }) => {
    const read = readCsvLines(csv, giftCards);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read).toMatchObject({ code: 'validation_failed', field: 'file' });
    expect(read.message).toContain(message);
  });

  it('checks the header first, naming every missing and unknown column', () => {
    const read = readCsvLines('card,amount,currency\n123,5.00,GBP\n', giftCards);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.field).toBe('file');
    expect(read.message).toContain('missing column number, balance');
    expect(read.message).toContain('unknown column card, amount');
    expect(read.message).toContain('number, balance, currency, expires_at');
  });

  it('takes other columns when told to ignore them, and keeps the header case when asked', () => {
    const read = readCsvLines('InvoiceNo,Country\nA1,UK\n', {
      required: ['InvoiceNo'],
      optional: [],
      otherColumns: 'ignore',
      headerCase: 'as-is',
    });
    expect(read.ok && read.value).toEqual([
      { line: 2, cells: { InvoiceNo: 'A1', Country: 'UK' }, problems: [] },
    ]);
  });

  it('checks every cell it reads: free text refuses card numbers, identifiers do not', () => {
    const csv = [
      'name,notes,card_number,number',
      `Ann,${payCard},${makeCardNumber(7)},4111111111111111`,
      'Bob\u0000,fine,,',
      'Cy,fine,,',
    ].join('\n');
    const read = readCsvLines(csv, {
      required: ['name'],
      optional: ['notes', 'card_number', 'number'],
    });
    if (!read.ok) throw new Error(read.message);
    expect(read.value.map((line) => [line.line, line.problems])).toEqual([
      [
        2,
        [
          {
            code: 'card_number_refused',
            field: 'notes',
            reason: expect.stringContaining('card number'),
          },
        ],
      ],
      [3, [{ code: 'validation_failed', field: 'name', reason: expect.stringContaining('NUL') }]],
      [4, []],
    ]);
  });

  it('counts lines as the file does, blank lines and quoted line breaks included', () => {
    const read = readCsvLines('name,notes\nAnn,"two\nlines"\n\nBob,x\n', {
      required: ['name'],
      optional: ['notes'],
    });
    expect(read.ok && read.value.map((line) => line.line)).toEqual([2, 5]);
  });
});

describe('parseCsvRows', () => {
  it('refuses the whole file when a cell breaks the text rule, naming line and column', () => {
    const read = parseCsvRows(`sku,barcode,name\nA,5012345678900,Tee\nB,,${payCard}\n`);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.code).toBe('card_number_refused');
    expect(read.message).toContain('line 3');
    expect(read.field).toBe('name');
  });

  it('reads a file whose barcodes happen to pass Luhn', () => {
    // 5012345678023 is a valid EAN-13 and passes Luhn too: an identifier, not free text.
    const read = parseCsvRows('sku,barcode,name\nA,5012345678023,Tee\n');
    expect(read.ok && read.value).toEqual([{ sku: 'A', barcode: '5012345678023', name: 'Tee' }]);
  });

  it('refuses an empty file', () => {
    expect(parseCsvRows('').ok).toBe(false);
  });
});
