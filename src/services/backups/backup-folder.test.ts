import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureBackupDirectory } from './backup-files.ts';

describe('the backup folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-backup-folder-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is made with every missing folder on the way, each private to the owner', () => {
    const nested = join(dir, 'a', 'b', 'c');
    ensureBackupDirectory(nested);
    for (const folder of [join(dir, 'a'), join(dir, 'a', 'b'), nested]) {
      expect(statSync(folder).mode & 0o777).toBe(0o700);
    }
    ensureBackupDirectory(nested);
  });

  it('fails at once, naming the cause, where a folder cannot be made', () => {
    // Node's own recursive mkdir spins forever here instead of failing.
    expect(() => ensureBackupDirectory('/proc/clientele-nowhere/deeper')).toThrow(
      expect.objectContaining({ code: 'ENOENT' }),
    );
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    expect(() => ensureBackupDirectory(join(file, 'below'))).toThrow(
      expect.objectContaining({ code: 'ENOTDIR' }),
    );
  });
});
