import { parseCsvRecords } from '../../domain/csv-records.ts';
import { checkText, type TextKind } from '../../domain/free-text.ts';
import { fail, ok, type ErrorCode, type Failure, type Result } from '../../domain/result.ts';

/** One thing wrong with one line of an import, naming the column at fault. */
export type LineProblem = { code: ErrorCode; field?: string; reason: string };

/** A data line: its number in the file (the header is line 1), its cells by column, and
 * what is already wrong with its text. */
export type CsvLine = { line: number; cells: Record<string, string>; problems: LineProblem[] };

export type CsvColumns = {
  required: readonly string[];
  optional: readonly string[];
  /** Columns holding identifiers rather than free text, beyond the usual names. */
  identifiers?: readonly string[];
  /** A column the import does not know: refused (the default), ignored and never read,
   * or taken like a known one. */
  otherColumns?: 'refuse' | 'ignore' | 'take';
  /** Header names are matched in lower case unless the caller's names keep their case. */
  headerCase?: 'lower' | 'as-is';
};

/**
 * Columns that hold numbers looked up rather than text kept as typed: a barcode or a
 * card number may pass the payment-card check by chance, so these skip only that part.
 */
const identifierColumns = new Set(['number', 'card_number', 'barcode', 'sku']);

export function lineProblem(failure: Failure): LineProblem {
  return {
    code: failure.code,
    reason: failure.message,
    ...(failure.field ? { field: failure.field } : {}),
  };
}

function fileProblem(message: string): Failure {
  return fail('validation_failed', message, { field: 'file' });
}

function checkHeader(header: string[], columns: CsvColumns): Failure | null {
  const known = [...columns.required, ...columns.optional];
  const missing = columns.required.filter((column) => !header.includes(column));
  const unknown =
    (columns.otherColumns ?? 'refuse') === 'refuse'
      ? header.filter((column) => column !== '' && !known.includes(column))
      : [];
  if (missing.length === 0 && unknown.length === 0) return null;
  const problems = [
    ...(missing.length > 0 ? [`missing column ${missing.join(', ')}`] : []),
    ...(unknown.length > 0 ? [`unknown column ${unknown.join(', ')}`] : []),
  ];
  return fileProblem(
    `The header line is wrong: ${problems.join('; ')}. The columns are ${known.join(', ')}` +
      (columns.required.length > 0 ? ` (${columns.required.join(', ')} required).` : '.'),
  );
}

function kindOf(column: string, columns: CsvColumns): TextKind {
  return identifierColumns.has(column) || columns.identifiers?.includes(column)
    ? 'identifier'
    : 'free';
}

/**
 * Reads an import file with a header line: refuses an empty file, one with no data
 * lines and a header with missing or unknown columns, each as one clear failure naming
 * the file. Every cell the import reads passes the free-text rule here, once for every
 * import; what breaks it becomes a problem of its line rather than of the whole file.
 */
export function readCsvLines(csv: string, columns: CsvColumns): Result<CsvLine[]> {
  const records = parseCsvRecords(csv);
  if (!records.ok) return records;
  const [headerRecord, ...data] = records.value;
  if (!headerRecord) return fileProblem('The file is empty: it needs a header line and data.');
  const header = headerRecord.cells.map((column) =>
    columns.headerCase === 'as-is' ? column.trim() : column.trim().toLowerCase(),
  );
  const wrongHeader = checkHeader(header, columns);
  if (wrongHeader) return wrongHeader;
  if (data.length === 0) return fileProblem('The file has a header line but no data lines.');
  const read = new Set(
    columns.otherColumns === 'ignore' ? [...columns.required, ...columns.optional] : header,
  );
  return ok(
    data.map(({ line, cells: values }) => {
      const cells: Record<string, string> = {};
      const problems: LineProblem[] = [];
      header.forEach((column, index) => {
        const value = values[index];
        if (column === '' || value === undefined) return;
        cells[column] = value;
        if (!read.has(column)) return;
        const checked = checkText(value, column, kindOf(column, columns));
        if (!checked.ok) problems.push(lineProblem(checked));
      });
      return { line, cells, problems };
    }),
  );
}

/**
 * Reads a CSV into rows keyed by lower-case column names, for imports that take any
 * columns. A cell breaking the free-text rule fails the whole file, naming its line.
 */
export function parseCsvRows(csv: string): Result<Record<string, string>[]> {
  const lines = readCsvLines(csv, { required: [], optional: [], otherColumns: 'take' });
  if (!lines.ok) return lines;
  for (const { line, problems } of lines.value) {
    const first = problems[0];
    if (first) {
      return fail(first.code, `line ${line}: ${first.reason}`, {
        ...(first.field ? { field: first.field } : {}),
      });
    }
  }
  return ok(lines.value.map((line) => line.cells));
}
