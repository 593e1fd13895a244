type Problem = { code: string; field?: string | undefined; reason: string };
type ReportedLine =
  | {
      line: number;
      status: 'rejected';
      code: string;
      field?: string;
      reason: string;
      problems?: Problem[];
    }
  | { line: number; status: Exclude<string, 'rejected'> };

/** Prints every problem of every rejected line, one per output line. */
export function printRejectedLines(lines: readonly ReportedLine[]): void {
  for (const line of lines) {
    if (!('reason' in line) || line.status !== 'rejected') continue;
    for (const problem of line.problems ?? [line]) {
      console.log(
        `line ${line.line}: rejected ${problem.code}${problem.field ? ` (${problem.field})` : ''}: ${problem.reason}`,
      );
    }
  }
}
