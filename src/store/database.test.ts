import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirectoryLockedError, lockDataDirectory } from './database.ts';

describe('data directory lock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second process with a clear message, and frees the lock on release', async () => {
    // Another process holds the lock while it sleeps.
    const holder = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import('${join(import.meta.dirname, 'database.ts')}').then((m) => { m.lockDataDirectory(${JSON.stringify(dir)}); console.log('locked'); setTimeout(() => {}, 20000); });`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    try {
      expect(() => lockDataDirectory(dir)).toThrow(DataDirectoryLockedError);
      expect(() => lockDataDirectory(dir)).toThrow(/in use by another Clientele process/);
    } finally {
      holder.kill();
      await new Promise((resolve) => holder.once('exit', resolve));
    }
    // The holder died without releasing: its stale lock is taken over.
    const release = lockDataDirectory(dir);
    expect(existsSync(join(dir, 'clientele.lock'))).toBe(true);
    release();
    expect(existsSync(join(dir, 'clientele.lock'))).toBe(false);
  });
});
