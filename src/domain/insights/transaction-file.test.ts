import { describe, expect, it } from 'vitest';
import {
  detectFormat,
  parseTransactionDay,
  parseTransactionMapping,
  readTransactionFile,
  type TransactionFile,
} from './transaction-file.ts';

function read(text: string, options: Parameters<typeof readTransactionFile>[1] = {}) {
  return readTransactionFile(text, options);
}

function value(text: string, options: Parameters<typeof readTransactionFile>[1] = {}) {
  const result = read(text, options);
  if (!result.ok) throw new Error(result.message);
  return result.value as TransactionFile;
}

function failure(text: string, options: Parameters<typeof readTransactionFile>[1] = {}) {
  const result = read(text, options);
  if (result.ok) throw new Error('expected a failure');
  return result;
}

describe('parseTransactionDay', () => {
  it('reads ISO, compact and the Online Retail dates as the day written', () => {
    expect(parseTransactionDay('2024-02-29')).toBe('2024-02-29');
    expect(parseTransactionDay('2024-02-29T23:30:00+05:00')).toBe('2024-02-29');
    expect(parseTransactionDay('2024-02-29 08:15')).toBe('2024-02-29');
    expect(parseTransactionDay('19970101')).toBe('1997-01-01');
    expect(parseTransactionDay('12/1/10 8:26')).toBe('2010-12-01');
    expect(parseTransactionDay('12/13/2010 17:05')).toBe('2010-12-13');
    expect(parseTransactionDay('1/2/97')).toBe('1997-01-02');
    expect(parseTransactionDay(' 2024-01-05 ')).toBe('2024-01-05');
  });

  it('refuses what is not a real day', () => {
    for (const text of [
      '',
      'yesterday',
      '2023-02-29',
      '2024-13-01',
      '20241301',
      '13/1/10 8:26',
      '12/1/10 25:00',
      '12/1/10 8:61',
      '1/1/1800',
      '2024/01/05',
    ])
      expect(parseTransactionDay(text), text).toBeNull();
  });
});

describe('parseTransactionMapping', () => {
  it('lays the pairs over the default columns', () => {
    expect(parseTransactionMapping(undefined)).toEqual({
      ok: true,
      value: { customer: 'customer', date: 'date', amount: 'amount' },
    });
    expect(parseTransactionMapping('customer=CustomerID, amount=TotalPrice')).toEqual({
      ok: true,
      value: { customer: 'CustomerID', date: 'date', amount: 'TotalPrice' },
    });
  });

  it('refuses an unknown field or a pair without a column', () => {
    for (const text of ['shop=Store', 'customer', 'customer=', 'customer=a=b']) {
      const result = parseTransactionMapping(text);
      expect(result.ok, text).toBe(false);
      if (!result.ok) {
        expect(result.field).toBe('map');
        expect(result.message).toContain('fields: customer, date, amount');
      }
    }
  });
});

describe('readTransactionFile: CSV', () => {
  it('reads the default columns in any order and case, leaving out lines without a customer', () => {
    const file = value(
      'Amount,Customer,Date,Note\n12.50,c1,2024-01-05,first\n3,,2024-01-06,walk-in\n0,c2,20240107,free\n',
    );
    expect(file.format).toBe('csv');
    expect(file.transactions).toEqual([
      { customer: 'c1', date: '2024-01-05', amount: 12.5 },
      { customer: 'c2', date: '2024-01-07', amount: 0 },
    ]);
    expect(file.linesWithoutCustomer).toBe(1);
    expect([file.firstDay, file.lastDay]).toEqual(['2024-01-05', '2024-01-07']);
  });

  it('takes mapped columns, quoted commas and CRLF', () => {
    const file = value(
      'InvoiceNo,Description,InvoiceDate,CustomerID,TotalPrice\r\n1,"A, B",12/1/10 8:26,17850,15.3\r\n',
      { columns: { customer: 'CustomerID', date: 'InvoiceDate', amount: 'TotalPrice' } },
    );
    expect(file.transactions).toEqual([{ customer: '17850', date: '2010-12-01', amount: 15.3 }]);
  });

  it('names the line and column of an unreadable date', () => {
    const result = failure('customer,date,amount\nc1,2024-01-05,1\n\nc1,2024-02-30,2\n');
    expect(result.message).toMatch(/^line 4, column date: "2024-02-30" is not a date/);
    expect(result.field).toBe('date');
    expect(result.details).toMatchObject({ line: 4, column: 'date' });
  });

  it('names the line and column of an amount that is not a number or is empty', () => {
    const columns = { customer: 'id', date: 'day', amount: 'paid' };
    // An unquoted decimal comma would otherwise be read as 12 and a stray cell.
    expect(failure('id,day,paid\nc1,2024-01-05,12,50\n', { columns }).message).toBe(
      'line 2: 4 cells where the header has 3 columns (a comma inside an unquoted value?)',
    );
    expect(failure('id,day,paid\nc1,2024-01-05,abc\n', { columns }).message).toMatch(
      /^line 2, column paid: "abc" is not a number/,
    );
    expect(failure('id,day,paid\nc1,2024-01-05,\n', { columns }).message).toMatch(
      /^line 2, column paid: the amount is empty/,
    );
    expect(failure('id,day,paid\nc1,2024-01-05,0x10\n', { columns }).message).toMatch(
      /"0x10" is not a number/,
    );
  });

  it('refuses a negative amount unless negative amounts are returns', () => {
    const text = 'customer,date,amount\nc1,2024-01-05,10\nc1,2024-01-05,-4\n';
    const refused = failure(text);
    expect(refused.message).toMatch(/^line 3, column amount: -4 is a negative amount/);
    expect(refused.details).toMatchObject({ negativeAmount: true });
    expect(value(text, { returns: true }).transactions[1]).toEqual({
      customer: 'c1',
      date: '2024-01-05',
      amount: -4,
    });
  });

  it('names a mapped column the header lacks, on line 1', () => {
    const result = failure('customer,date,amount\nc1,2024-01-05,1\n', {
      columns: { customer: 'CustomerID', date: 'date', amount: 'amount' },
    });
    expect(result.message).toMatch(
      /^line 1, column CustomerID: no such column for the customer \(the header has customer, date, amount\)/,
    );
  });

  it('refuses an empty file, a header alone, and a file where no line names a customer', () => {
    expect(failure('').message).toMatch(/empty/);
    expect(failure('\n\n').message).toMatch(/empty/);
    expect(failure('customer,date,amount\n').message).toMatch(/no data lines/);
    expect(failure('customer,date,amount\n,2024-01-05,1\n').message).toMatch(/names a customer/);
  });
});

describe('readTransactionFile: CDNOW layout', () => {
  const cdnow = ' 00004 0001 19970101  2   29.33\n 00004 0001 19970118  2   29.73\n\n';

  it('is detected and read: customer id, date YYYYMMDD and amount', () => {
    expect(detectFormat(cdnow)).toBe('cdnow');
    expect(detectFormat('customer,date,amount\n')).toBe('csv');
    const file = value(cdnow);
    expect(file.format).toBe('cdnow');
    expect(file.transactions).toEqual([
      { customer: '00004', date: '1997-01-01', amount: 29.33 },
      { customer: '00004', date: '1997-01-18', amount: 29.73 },
    ]);
  });

  it('names the line and column of what it cannot read', () => {
    const bad = `${cdnow} 00005 0002 19970231  1   9.99\n`;
    expect(failure(bad).message).toMatch(/^line 4, column 3 \(date\): "19970231" is not a date/);
    const negative = `${cdnow} 00005 0002 19970201  1   -9.99\n`;
    expect(failure(negative, { format: 'cdnow' }).message).toMatch(
      /^line 4, column 5 \(amount\): -9.99 is a negative amount/,
    );
    const short = `${cdnow} 00005 19970201 9.99\n`;
    expect(failure(short, { format: 'cdnow' }).message).toMatch(/^line 4: 3 columns where/);
    expect(failure('\n', { format: 'cdnow' }).message).toMatch(/empty/);
  });
});
