import fs, { mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadOrCreateMasterKey } from './master-key.ts';

describe('master key file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-key-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is on disk (file and its directory entry) before the first contact is encrypted with it', () => {
    const synced: string[] = [];
    const fsync = fs.fsyncSync;
    vi.spyOn(fs, 'fsyncSync').mockImplementation((fd) => {
      synced.push(readlinkSync(`/proc/self/fd/${fd}`));
      fsync(fd);
    });
    try {
      const key = loadOrCreateMasterKey({ configured: null, dataDir: dir });
      expect(key).toHaveLength(32);
    } finally {
      vi.restoreAllMocks();
    }
    expect(synced).toEqual([join(dir, 'master.key'), dir]);
    expect(loadOrCreateMasterKey({ configured: null, dataDir: dir })).toHaveLength(32);
  });
});
