import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { fail, ok, type Result } from '../../domain/result.ts';

const run = promisify(execFile);

export type PgTool = 'pg_dump' | 'pg_restore';
export type FoundTool = { path: string; major: number };

/**
 * Finds pg_dump or pg_restore for a server of `serverMajor`: in CLIENTELE_PG_BIN when set,
 * else Debian's per-version folder, else the PATH. The tool must be at least the server's
 * version (an older pg_dump refuses a newer server), and the same version is preferred:
 * a newer pg_restore writes settings an older server does not know.
 */
export async function findPgTool(
  tool: PgTool,
  options: { serverMajor: number; binDir: string | null },
): Promise<Result<FoundTool>> {
  const candidates = options.binDir
    ? [join(options.binDir, tool)]
    : [
        `/usr/lib/postgresql/${options.serverMajor}/bin/${tool}`,
        ...(process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, tool)),
      ];
  const found: FoundTool[] = [];
  for (const path of new Set(candidates)) {
    if (!path.startsWith('/') || !existsSync(path)) continue;
    const major = await toolMajorVersion(path);
    if (major !== null) found.push({ path, major });
  }
  const exact = found.find((candidate) => candidate.major === options.serverMajor);
  const newer = found.find((candidate) => candidate.major > options.serverMajor);
  const chosen = exact ?? (tool === 'pg_dump' ? newer : undefined);
  if (chosen) return ok(chosen);
  const client = `the PostgreSQL ${options.serverMajor} client tools (Debian: apt install postgresql-client-${options.serverMajor})`;
  if (found.length === 0) {
    return fail(
      'backup_failed',
      `${tool} was not found${options.binDir ? ` in ${options.binDir}` : ''}: install ${client}, or set CLIENTELE_PG_BIN to the folder that holds pg_dump and pg_restore`,
    );
  }
  return fail(
    'backup_failed',
    `${tool} ${found.map((f) => f.major).join(', ')} found, but the server is PostgreSQL ${options.serverMajor}: install ${client}, or set CLIENTELE_PG_BIN to their folder`,
  );
}

async function toolMajorVersion(path: string): Promise<number | null> {
  try {
    const { stdout } = await run(path, ['--version'], { timeout: 10_000 });
    const match = /\(PostgreSQL\)\s+(\d+)/.exec(stdout);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/**
 * The connection for a client tool: the URL without its password (a command line is
 * visible to every user of the machine), the password in PGPASSWORD instead.
 */
export function toolConnection(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return {
    dbname: url.toString(),
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
  };
}

/** Runs a client tool to the end; its last lines of stderr explain a failure. */
export function runPgTool({
  tool,
  args,
  env,
}: {
  tool: FoundTool;
  args: string[];
  env: NodeJS.ProcessEnv;
}): Promise<Result<void>> {
  return new Promise((resolve) => {
    const child = spawn(tool.path, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on('error', (error) => resolve(fail('backup_failed', `${tool.path}: ${error.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) return resolve(ok(undefined));
      const why = stderr.trim().split('\n').slice(-3).join(' / ') || `exit ${code ?? signal}`;
      resolve(fail('backup_failed', `${basenameOf(tool.path)} failed: ${why}`));
    });
  });
}

function basenameOf(path: string): string {
  return path.split('/').pop() ?? path;
}
