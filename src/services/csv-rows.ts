import { parse } from 'csv-parse/sync';
import { fail, ok, type Result } from '../domain/result.ts';

/**
 * Reads an uploaded CSV with a header line into rows keyed by lower-case column names;
 * a file that is not CSV is one clear failure naming the parser's complaint.
 */
export function parseCsvRows(csv: string): Result<Record<string, string>[]> {
  try {
    return ok(
      parse(csv, {
        columns: (header: string[]) => header.map((column) => column.trim().toLowerCase()),
        skip_empty_lines: true,
        bom: true,
        relax_column_count: true,
        relax_quotes: true,
      }) as Record<string, string>[],
    );
  } catch (error) {
    return fail('validation_failed', `The file is not valid CSV: ${(error as Error).message}`, {
      field: 'file',
    });
  }
}
