import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { inject } from 'vitest';

const run = promisify(execFile);

/**
 * The node arguments that start the real CLI: the one-file bundle the global setup made
 * from the sources for this run (test/support/cli-bundle.ts), so it is never stale.
 */
export function clienteleEntry(): string[] {
  return [inject('cliBundle')];
}

export type CliRun = { code: number; stdout: string; stderr: string };

/** Runs the real CLI in a child process; `env` is laid over this process's environment. */
export async function runClientele(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 100_000,
): Promise<CliRun> {
  try {
    const { stdout, stderr } = await run(process.execPath, [...clienteleEntry(), ...args], {
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      timeout: timeoutMs,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
