/**
 * Reads a transaction file for the model commands (fit, backtest): one purchase per line,
 * giving a customer, a date and an amount. Pure: the caller reads the file's text.
 *
 * Two layouts:
 * - CSV with a header line, its columns named by a mapping (default customer, date,
 *   amount), as the sales import maps its columns;
 * - the CDNOW layout (Fader and Hardie's sample): no header, whitespace-separated
 *   columns customer id, id within the sample, date YYYYMMDD, number of CDs, amount.
 * 'auto' takes a file whose first line is five such columns as CDNOW, anything else as CSV.
 *
 * Anything that cannot be read stops the whole file with a failure naming the line and
 * the column: a model fitted on a silently thinned file would look right and be wrong.
 * The one exception is a line with no customer (a walk-in sale), which no customer's
 * history can hold: such lines are counted and left out, and the count is reported.
 */
import { parseCsvRecords } from '../csv-records.ts';
import { fail, invalid, ok, type Result } from '../result.ts';
import type { Transaction } from './summaries.ts';

export type TransactionFileFormat = 'csv' | 'cdnow' | 'auto';

/** Which CSV column holds each field. */
export interface TransactionColumns {
  readonly customer: string;
  readonly date: string;
  readonly amount: string;
}

export const defaultTransactionColumns: TransactionColumns = {
  customer: 'customer',
  date: 'date',
  amount: 'amount',
};

const fields = ['customer', 'date', 'amount'] as const;

export interface TransactionFileOptions {
  readonly format?: TransactionFileFormat;
  readonly columns?: TransactionColumns;
  /**
   * Whether a negative amount is a return (it then nets out within its day, see
   * summaries.ts). Off by default: a negative amount is then refused, since in a file of
   * purchases it is more often a sign error than a return.
   */
  readonly returns?: boolean;
}

export interface TransactionFile {
  readonly format: 'csv' | 'cdnow';
  /** Dates as YYYY-MM-DD: the calendar day written in the file. */
  readonly transactions: Transaction[];
  /** Data lines with an empty customer, left out. */
  readonly linesWithoutCustomer: number;
  readonly firstDay: string;
  readonly lastDay: string;
}

/**
 * Reads `--map customer=CustomerID,date=InvoiceDate,amount=TotalPrice` over the
 * defaults. An unknown field or a pair without a column is refused.
 */
export function parseTransactionMapping(text: string | undefined): Result<TransactionColumns> {
  const columns: Record<string, string> = { ...defaultTransactionColumns };
  for (const pair of (text ?? '').split(',').filter((part) => part.trim() !== '')) {
    const [key = '', column = '', ...rest] = pair.split('=').map((part) => part.trim());
    if (!(fields as readonly string[]).includes(key) || column === '' || rest.length > 0) {
      return invalid(
        'map',
        `--map takes field=Column pairs, e.g. customer=CustomerID,date=InvoiceDate,amount=TotalPrice; "${pair.trim()}" is not one (fields: ${fields.join(', ')})`,
      );
    }
    columns[key] = column;
  }
  return ok(columns as unknown as TransactionColumns);
}

const MS_PER_DAY = 86_400_000;

function isoDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real && year >= 1900 ? date.toISOString().slice(0, 10) : null;
}

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\S.*)?$/;
const compactPattern = /^(\d{4})(\d{2})(\d{2})$/;
// The Online Retail export's M/D/YY H:MM (month first, 24-hour clock, time optional).
const usPattern = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * The calendar day of a written date: YYYY-MM-DD (a time may follow), YYYYMMDD, or
 * M/D/YY H:MM (two-digit years 70–99 are 19xx, 00–69 20xx). The day is the one written,
 * in whatever time zone the file was written in. Null when it is none of these or not a
 * real day.
 */
export function parseTransactionDay(text: string): string | null {
  const trimmed = text.trim();
  const iso = isoPattern.exec(trimmed) ?? compactPattern.exec(trimmed);
  if (iso) return isoDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const us = usPattern.exec(trimmed);
  if (!us) return null;
  const [month, day, year, hour, minute, second] = us
    .slice(1)
    .map((part) => (part === undefined ? 0 : Number(part))) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (hour > 23 || minute > 59 || second > 59) return null;
  const fullYear = year >= 100 ? year : year + (year >= 70 ? 1900 : 2000);
  return isoDay(fullYear, month, day);
}

/** Whole days from one YYYY-MM-DD to another. */
export function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / MS_PER_DAY);
}

export function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

const amountPattern = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** One data line's three cells, with how to name each column in a message. */
interface RawLine {
  readonly line: number;
  readonly customer: string;
  readonly date: string;
  readonly amount: string;
}

type ColumnNames = Record<(typeof fields)[number], string>;

function cellProblem(line: number, column: string, message: string, negative = false) {
  return fail('validation_failed', `line ${line}, column ${column}: ${message}`, {
    field: column,
    details: { line, column, ...(negative ? { negativeAmount: true } : {}) },
  });
}

function readLine(raw: RawLine, names: ColumnNames, returns: boolean): Result<Transaction | null> {
  const customer = raw.customer.trim();
  if (customer === '') return ok(null);
  const date = parseTransactionDay(raw.date);
  if (date === null) {
    const shown = raw.date.trim() === '' ? 'the date is empty' : `"${raw.date.trim()}"`;
    return cellProblem(
      raw.line,
      names.date,
      `${shown} is not a date (YYYY-MM-DD, YYYYMMDD or M/D/YY H:MM)`,
    );
  }
  const text = raw.amount.trim();
  if (!amountPattern.test(text)) {
    const shown = text === '' ? 'the amount is empty' : `"${text}" is not a number`;
    return cellProblem(raw.line, names.amount, `${shown} (write amounts like 12.50)`);
  }
  const amount = Number(text);
  if (amount < 0 && !returns) {
    return cellProblem(
      raw.line,
      names.amount,
      `${text} is a negative amount; amounts must be 0 or more unless negative ones are returns`,
      true,
    );
  }
  return ok({ customer, date, amount });
}

function findColumn(header: string[], name: string): number {
  const exact = header.indexOf(name);
  if (exact >= 0) return exact;
  const folded = header.map((column) => column.toLowerCase());
  const matches = folded.filter((column) => column === name.toLowerCase());
  return matches.length === 1 ? folded.indexOf(name.toLowerCase()) : -1;
}

function csvLines(text: string, columns: TransactionColumns): Result<RawLine[]> {
  const records = parseCsvRecords(text);
  if (!records.ok) return records;
  const [headerRecord, ...data] = records.value;
  if (!headerRecord) return invalid('file', 'The file is empty: it needs a header line and data.');
  const header = headerRecord.cells.map((cell) => cell.trim());
  const at: Record<string, number> = {};
  for (const field of fields) {
    at[field] = findColumn(header, columns[field]);
    if (at[field] < 0) {
      return cellProblem(
        headerRecord.line,
        columns[field],
        `no such column for the ${field} (the header has ${header.join(', ')}); map it with --map ${field}=<column>`,
      );
    }
  }
  if (data.length === 0) return invalid('file', 'The file has a header line but no data lines.');
  const long = data.find(({ cells }) => cells.length > header.length);
  if (long) {
    return invalid(
      'file',
      `line ${long.line}: ${long.cells.length} cells where the header has ${header.length} columns (a comma inside an unquoted value?)`,
    );
  }
  return ok(
    data.map(({ line, cells }) => ({
      line,
      customer: cells[at.customer as number] ?? '',
      date: cells[at.date as number] ?? '',
      amount: cells[at.amount as number] ?? '',
    })),
  );
}

const cdnowNames: ColumnNames = {
  customer: '1 (customer id)',
  date: '3 (date)',
  amount: '5 (amount)',
};

function cdnowLines(text: string): Result<RawLine[]> {
  const lines: RawLine[] = [];
  for (const [index, content] of text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .entries()) {
    if (content.trim() === '') continue;
    const cells = content.trim().split(/\s+/);
    if (cells.length !== 5) {
      return invalid(
        'file',
        `line ${index + 1}: ${cells.length} columns where the CDNOW layout has 5 (customer id, id within the sample, date YYYYMMDD, number of CDs, amount)`,
      );
    }
    const [customer = '', , date = '', , amount = ''] = cells;
    lines.push({ line: index + 1, customer, date, amount });
  }
  if (lines.length === 0) return invalid('file', 'The file is empty: it has no data lines.');
  return ok(lines);
}

const cdnowFirstLine = /^\s*\S+\s+\S+\s+\d{8}\s+\S+\s+\S+\s*$/;

export function detectFormat(text: string): 'csv' | 'cdnow' {
  const first = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .find((line) => line.trim() !== '');
  return first !== undefined && cdnowFirstLine.test(first) ? 'cdnow' : 'csv';
}

/** Reads the whole file, or the first thing wrong with it. */
export function readTransactionFile(
  text: string,
  options: TransactionFileOptions = {},
): Result<TransactionFile> {
  const requested = options.format ?? 'auto';
  const format = requested === 'auto' ? detectFormat(text) : requested;
  const columns = options.columns ?? defaultTransactionColumns;
  const raw = format === 'cdnow' ? cdnowLines(text) : csvLines(text, columns);
  if (!raw.ok) return raw;
  const names = format === 'cdnow' ? cdnowNames : columns;
  const transactions: Transaction[] = [];
  let linesWithoutCustomer = 0;
  for (const line of raw.value) {
    const read = readLine(line, names, options.returns ?? false);
    if (!read.ok) return read;
    if (read.value === null) linesWithoutCustomer += 1;
    else transactions.push(read.value);
  }
  if (transactions.length === 0) {
    return invalid('file', 'No line of the file names a customer: there is nothing to fit.');
  }
  const days = transactions.map((t) => t.date as string).sort();
  return ok({
    format,
    transactions,
    linesWithoutCustomer,
    firstDay: days[0] as string,
    lastDay: days[days.length - 1] as string,
  });
}
