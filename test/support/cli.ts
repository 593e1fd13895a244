import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
// The sources through tsx, so a stale build in dist/ can never be what is tested.
const main = join(import.meta.dirname, '../../src/cli/main.ts');

export type CliRun = { code: number; stdout: string; stderr: string };

/** Runs the real CLI in a child process; `env` is laid over this process's environment. */
export async function runClientele(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 100_000,
): Promise<CliRun> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', main, ...args], {
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      timeout: timeoutMs,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
