import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirectoryLockedError, lockDataDirectory } from './database.ts';

const lockModule = join(import.meta.dirname, 'database.ts');

/** A script that takes the lock on `dir`, says "locked", then runs `then`. */
function holderScript(dir: string, then: string): string {
  return `import(${JSON.stringify(lockModule)}).then((m) => { m.lockDataDirectory(${JSON.stringify(dir)}); console.log('locked'); ${then} });`;
}

function untilLocked(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
  });
}

describe('data directory lock', () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'clientele-lock-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await new Promise((resolve) => child.once('exit', resolve));
      }
    }
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a second live process with a clear message naming it', async () => {
    const dir = freshDir();
    const holder = spawn(
      process.execPath,
      ['--import', 'tsx', '-e', holderScript(dir, 'setTimeout(() => {}, 20000);')],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    children.push(holder);
    await untilLocked(holder);
    expect(() => lockDataDirectory(dir)).toThrow(DataDirectoryLockedError);
    expect(() => lockDataDirectory(dir)).toThrow(
      `in use by another Clientele process (pid ${holder.pid})`,
    );
    // The holder dies without releasing (SIGKILL): the OS frees the lock with it.
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    const release = lockDataDirectory(dir);
    expect(readFileSync(join(dir, 'clientele.lock'), 'utf8')).toBe(String(process.pid));
    release();
  });

  it('is not blocked by a lock file naming a live process that holds no lock (a reused pid)', () => {
    const dir = freshDir();
    // The pid of a process that is alive but is not Clientele: our parent, and pid 1.
    for (const pid of [process.ppid, 1]) {
      writeFileSync(join(dir, 'clientele.lock'), String(pid));
      const release = lockDataDirectory(dir);
      release();
    }
  });

  it('is not blocked by a holder that died but was never reaped (a zombie)', async () => {
    const dir = freshDir();
    // The shell execs into `sleep`, which never waits for its node child: once that child
    // exits, it stays a zombie with its pid still "alive" for kill(pid, 0).
    const script = holderScript(dir, 'process.exit(0);');
    const parent = spawn('sh', ['-c', '"$NODE" --import tsx -e "$SCRIPT" & exec sleep 20'], {
      env: { ...process.env, NODE: process.execPath, SCRIPT: script },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(parent);
    await untilLocked(parent);
    const zombie = Number(readFileSync(join(dir, 'clientele.lock'), 'utf8'));
    await expect.poll(() => processState(zombie), { timeout: 10_000 }).toBe('Z');
    const release = lockDataDirectory(dir);
    release();
  });

  it('can be taken again by the same process once released', () => {
    const dir = freshDir();
    lockDataDirectory(dir)();
    const release = lockDataDirectory(dir);
    expect(() => lockDataDirectory(dir)).toThrow(DataDirectoryLockedError);
    release();
  });
});

/** The one-letter state of a process from /proc (Z for a zombie), or null when it is gone. */
function processState(pid: number): string | null {
  try {
    return /^\d+ \(.*\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1] ?? null;
  } catch {
    return null;
  }
}
