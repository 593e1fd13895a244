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

/** Prints a coded failure the way the API reports it and sets a failing exit code. */
export function printFailure(failure: { code: string; message: string; field?: string }): void {
  console.error(
    `error ${failure.code}${failure.field ? ` (${failure.field})` : ''}: ${failure.message}`,
  );
  process.exitCode = 1;
}
