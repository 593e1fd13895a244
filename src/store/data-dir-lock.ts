import { spawnSync } from 'node:child_process';
import {
  closeSync,
  constants,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

export class DataDirectoryLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number | null,
  ) {
    super(
      `The data directory ${dataDir} is in use by another Clientele process` +
        `${holderPid === null ? '' : ` (pid ${holderPid})`}. ` +
        'Stop that process, or point CLIENTELE_DATA_DIR at another directory.',
    );
  }
}

/**
 * Two processes opening one PGlite directory corrupt it, so the first takes an exclusive
 * flock(2) on `clientele.lock` and a second gets a clear error.
 *
 * The lock belongs to the open file, so the kernel drops it when the process dies however
 * it dies (SIGKILL, a crash, a zombie not yet reaped): no stale lock to judge, and a pid
 * in the file that has since been reused by another program blocks nothing. The pid is
 * written only to name the holder in the message.
 *
 * Node has no flock(), and a native addon would need a compiler on every shop's machine,
 * so util-linux's `flock` command applies the lock to our own descriptor, passed to it as
 * fd 3: flock(2) locks the shared open file description, which stays locked after the
 * command exits because we keep it open. The file is never deleted: unlinking a locked
 * file would let a newcomer lock a new file of the same name while a waiter locks the old.
 */
export function lockDataDirectory(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, 'clientele.lock');
  const fd = openSync(lockPath, constants.O_RDWR | constants.O_CREAT, 0o600);
  try {
    if (!applyExclusiveLock(fd)) {
      throw new DataDirectoryLockedError(dataDir, readHolder(lockPath));
    }
    // Someone removed the file between our open and the lock: ours is no longer the one
    // a newcomer would open. Never expected; refuse rather than guess.
    if (statSync(lockPath).ino !== fstatSync(fd).ino) {
      throw new DataDirectoryLockedError(dataDir, readHolder(lockPath));
    }
    ftruncateSync(fd, 0);
    writeSync(fd, String(process.pid), 0);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    // Closing our only descriptor of the file releases the lock.
    closeSync(fd);
  };
}

/** True when the lock was taken, false when another open file holds it. */
function applyExclusiveLock(fd: number): boolean {
  const run = spawnSync('flock', ['-x', '-n', '3'], {
    stdio: ['ignore', 'ignore', 'pipe', fd],
    encoding: 'utf8',
  });
  if (run.error) {
    throw new Error(
      `Cannot lock the data directory: the "flock" command could not run (${run.error.message}). ` +
        'Install util-linux, which provides it.',
    );
  }
  if (run.status === 0) return true;
  // flock -n exits 1 when the lock is held elsewhere; anything else is a real failure.
  if (run.status === 1) return false;
  throw new Error(`Cannot lock the data directory: flock failed: ${run.stderr.trim()}`);
}

function readHolder(lockPath: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
