import type { PGlite } from '@electric-sql/pglite';

/**
 * The embedded database failed in a way it cannot recover from while running (a write or
 * an fsync refused by the disk: PostgreSQL PANICs). PGlite then never answers again (the
 * next query spins or waits forever), so the process must stop and be restarted; the WAL
 * replay at the next start brings back everything that was acknowledged.
 */
export class EmbeddedDatabaseFailedError extends Error {
  constructor(
    readonly dataDir: string | null,
    readonly reason: string,
  ) {
    super(
      `Clientele must stop: the embedded database${dataDir ? ` in ${dataDir}` : ''} failed ` +
        `(${reason}). Sales acknowledged before this were on disk. Check the disk ` +
        '(free space, read-only, errors in the system log), then start Clientele again.',
    );
  }
}

/** The data directory cannot be opened at all (read-only, wrong owner, disk full, ...). */
export class DataDirectoryUnusableError extends Error {
  constructor(
    readonly dataDir: string,
    readonly reason: string,
  ) {
    super(
      `Cannot open the data directory ${dataDir}: ${reason}. It must be writable by the ` +
        'user running Clientele, on a disk that is neither full nor read-only.',
    );
  }
}

/**
 * PostgreSQL's own log lines (PGlite prints them nowhere by default): the last ones name
 * the cause of a failure ("could not create lock file ...: Permission denied").
 */
export function createPostgresLog(keep = 20) {
  const lines: string[] = [];
  return {
    onStderr: (text: string) => {
      lines.push(text);
      if (lines.length > keep) lines.shift();
      return false;
    },
    /** The last FATAL or PANIC line, without its timestamp prefix. */
    lastSevere: (): string | null => {
      const line = [...lines].reverse().find((l) => /\b(FATAL|PANIC):/.test(l));
      return line ? line.replace(/^.*?\b(FATAL|PANIC):\s*/, '$1: ') : null;
    },
  };
}

type ProtocolMessage = { name: string; severity?: string; message?: string };

/**
 * Watches every exchange between node-postgres and PGlite. A PANIC or FATAL answer, or an
 * exception out of the WebAssembly runtime, means the instance is gone: `onFailure` is
 * called once, and every later call fails at once instead of reaching the dead instance.
 */
export function guardPglite(
  pglite: PGlite,
  options: { dataDir: string | null; onFailure: (error: EmbeddedDatabaseFailedError) => void },
): { failed: () => boolean } {
  let failure: EmbeddedDatabaseFailedError | null = null;
  const fail = (reason: string) => {
    if (failure) return failure;
    failure = new EmbeddedDatabaseFailedError(options.dataDir, reason);
    options.onFailure(failure);
    return failure;
  };
  const exchange = pglite.execProtocolStream.bind(pglite);
  pglite.execProtocolStream = async (...args) => {
    if (failure) throw failure;
    let messages: Awaited<ReturnType<typeof exchange>>;
    try {
      messages = await exchange(...args);
    } catch (error) {
      // "PGlite is closing/closed" is an orderly shutdown, not a failure.
      if (!pglite.ready) throw error;
      throw fail(error instanceof Error ? error.message : String(error));
    }
    for (const message of messages as ProtocolMessage[]) {
      if (message.name === 'error' && ['PANIC', 'FATAL'].includes(message.severity ?? '')) {
        fail(`${message.severity}: ${message.message ?? 'unknown error'}`);
      }
    }
    return messages;
  };
  return { failed: () => failure !== null };
}

const errnoReasons: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the disk',
  EDQUOT: 'the disk quota is used up',
  EIO: 'input/output error (a failing disk?)',
};

/** A file system error as a reason a person can act on, or null for any other error. */
export function fileSystemReason(error: unknown): string | null {
  const { code, path } = error as NodeJS.ErrnoException;
  const reason = code ? errnoReasons[code] : undefined;
  if (!reason) return null;
  return path ? `${reason} (${path})` : reason;
}
