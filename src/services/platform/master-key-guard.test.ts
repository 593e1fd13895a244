import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../store/database.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { createTestShop, serviceDeps, testMasterKey } from '../../../test/support/deps.ts';
import { createCustomer } from '../customers/customers.ts';
import { loadMasterKeyFor, MasterKeyMismatchError } from './master-key-guard.ts';

describe.each(testDatabases())('the master key at start on $name', (database) => {
  let handle: DatabaseHandle;
  let dir: string;

  beforeAll(async () => {
    handle = await database.open();
    dir = mkdtempSync(join(tmpdir(), 'clientele-key-'));
  });
  afterAll(async () => {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes a key for a database without contact details', async () => {
    const dataDir = join(dir, 'fresh');
    const key = await loadMasterKeyFor(handle.db, { configured: null, dataDir });
    expect(key).toHaveLength(32);
    expect(existsSync(join(dataDir, 'master.key'))).toBe(true);
  });

  describe('once contact details are sealed under a key', () => {
    beforeAll(async () => {
      const deps = serviceDeps(handle);
      const shop = await createTestShop(deps);
      const created = await createCustomer({
        deps,
        actor: shop.actors.cashier,
        input: {
          name: 'Kay Keyed',
          phone: '+44 20 7946 0123',
        },
      });
      if (!created.ok) throw new Error(created.message);
    });

    it('refuses to make a new key, and makes none', async () => {
      const dataDir = join(dir, 'restored-without-key');
      await expect(loadMasterKeyFor(handle.db, { configured: null, dataDir })).rejects.toThrow(
        /holds encrypted contact details but there is no master key/,
      );
      expect(existsSync(join(dataDir, 'master.key'))).toBe(false);
    });

    it('refuses a key that does not open them, naming where it came from', async () => {
      const other = Buffer.alloc(32, 9);
      await expect(
        loadMasterKeyFor(handle.db, { configured: other, dataDir: dir }),
      ).rejects.toThrow(/CLIENTELE_MASTER_KEY does not open/);
      const dataDir = join(dir, 'wrong-file');
      mkdirSync(dataDir);
      writeFileSync(join(dataDir, 'master.key'), other.toString('base64'));
      const refused = loadMasterKeyFor(handle.db, { configured: null, dataDir });
      await expect(refused).rejects.toBeInstanceOf(MasterKeyMismatchError);
      await expect(refused).rejects.toThrow(join(dataDir, 'master.key'));
    });

    it('takes the key they were sealed under', async () => {
      const key = await loadMasterKeyFor(handle.db, { configured: testMasterKey, dataDir: dir });
      expect(key.equals(testMasterKey)).toBe(true);
    });
  });
});
