import { closeSync, createWriteStream, openSync, readFileSync, type WriteStream } from 'node:fs';
import { loadConfig } from '../config.ts';
import { openRuntime, type Runtime } from '../runtime.ts';

/** Opens the configured database for one command and always closes it again. */
export async function withRuntime(work: (runtime: Runtime) => Promise<void>): Promise<void> {
  const runtime = await openRuntime(loadConfig());
  try {
    await work(runtime);
  } finally {
    await runtime.close();
  }
}

type CliProblem = { code: string; message: string; field?: string };

/** Prints a coded failure the way the API reports it and sets a failing exit code. */
export function printFailure(failure: CliProblem): void {
  console.error(
    `error ${failure.code}${failure.field ? ` (${failure.field})` : ''}: ${failure.message}`,
  );
  process.exitCode = 1;
}

/**
 * A failure found before any work starts (a file that cannot be read, a value refused):
 * main prints it as one line and exits 1, without a stack trace.
 */
export class CliFailure extends Error {
  constructor(readonly problem: CliProblem) {
    super(problem.message);
  }
}

function fileProblem(path: string, error: unknown, field: string): CliFailure {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? 'no such file or folder'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'it is a folder'
          : (error as Error).message;
  return new CliFailure({
    code: code === 'ENOENT' ? 'file_not_found' : 'file_unreadable',
    message: `cannot open ${path}: ${why}`,
    field,
  });
}

/** Reads a whole input file as UTF-8 text, before the database is opened. */
export function readInputFile(path: string, field = 'file'): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw fileProblem(path, error, field);
  }
}

/** Opens an output file (mode 0600: exports hold personal data) or fails before any work. */
export function openOutputFile(path: string, field: string): WriteStream {
  let fd: number;
  try {
    fd = openSync(path, 'w', 0o600);
  } catch (error) {
    throw fileProblem(path, error, field);
  }
  try {
    return createWriteStream(path, { fd });
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}
