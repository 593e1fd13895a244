import { parse } from 'csv-parse/sync';
import { invalid, ok, type Result } from './result.ts';

/** One CSV record: the line of the file it starts on (a quoted cell may span lines), and its cells. */
export type CsvRecord = { line: number; cells: string[] };

/**
 * Parses CSV text into records numbered by the line they start on, leaving out blank
 * lines, so every problem found later can name its line. The imports (through
 * services/platform/csv-rows.ts) and the insights' transaction files share it.
 */
export function parseCsvRecords(text: string): Result<CsvRecord[]> {
  let parsed: { info: { lines: number }; record: string[] }[];
  try {
    // CRLF counts as one line break only once it is a plain LF.
    parsed = parse(text.replace(/\r\n/g, '\n'), {
      info: true,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
    }) as unknown as typeof parsed;
  } catch (error) {
    return invalid('file', `The file is not valid CSV: ${(error as Error).message}`);
  }
  const records: CsvRecord[] = [];
  let previousEnd = 0;
  for (const { info, record } of parsed) {
    const line = previousEnd + 1;
    previousEnd = info.lines;
    if (record.some((cell) => cell.trim() !== '')) records.push({ line, cells: record });
  }
  return ok(records);
}
