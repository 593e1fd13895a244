import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoShopIfEmpty } from '../../src/services/demo/demo.ts';
import { openPglite, type DatabaseHandle } from '../../src/store/database.ts';
import { selectGiftCardLedgerMismatches } from '../../src/store/gift-cards.ts';
import { selectLoyaltyMismatches } from '../../src/store/loyalty.ts';
import { selectStoreCreditMismatches } from '../../src/store/store-credit.ts';
import { selectTableRowCounts } from '../../src/store/demo-reset.ts';
import { clienteleEntry } from '../support/cli.ts';
import { testDatabases } from '../support/databases.ts';
import { serviceDeps } from '../support/deps.ts';

const customers = '80';

type Run = { code: number | null; signal: NodeJS.Signals | null; stdout: string };

/**
 * Runs `clientele demo` in a child process; when `killOn` is given, the child gets SIGKILL
 * as soon as that progress line appears, so it dies while it is still writing the shop.
 */
function demo(dataDir: string, killOn?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...clienteleEntry(), 'demo', '--customers', customers], {
      env: { ...process.env, CLIENTELE_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (killOn && stdout.includes(killOn)) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout }));
  });
}

async function shopFacts(handle: DatabaseHandle) {
  return {
    rows: await selectTableRowCounts(handle.db),
    unbalanced: [
      ...(await selectGiftCardLedgerMismatches(handle.db)),
      ...(await selectStoreCreditMismatches(handle.db)),
      ...(await selectLoyaltyMismatches(handle.db)),
    ],
  };
}

describe('a demo seeding killed half way', { timeout: 240_000 }, () => {
  let dir: string;
  let clean: Awaited<ReturnType<typeof shopFacts>>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'clientele-demo-crash-'));
    const [pglite] = testDatabases();
    const handle = await pglite!.open();
    try {
      await seedDemoShopIfEmpty(serviceDeps(handle), {
        log: () => {},
        customers: Number(customers),
      });
      clean = await shopFacts(handle);
    } finally {
      await handle.close();
    }
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is made whole on the next start: the same rows as a clean seed, every ledger balanced', async () => {
    const dataDir = join(dir, 'data');
    // Killed among the sales, then again while the second attempt is selling gift cards.
    const first = await demo(dataDir, 'sales 4 of 10');
    expect(first.signal, first.stdout).toBe('SIGKILL');
    const second = await demo(dataDir, 'sales 10 of 10');
    expect(second.signal, second.stdout).toBe('SIGKILL');
    expect(second.stdout).toContain('left unfinished');
    const third = await demo(dataDir);
    expect(third.code, third.stdout).toBe(0);
    expect(third.stdout).toContain('Demo shop ready');

    const handle = await openPglite({ dataDir });
    try {
      const after = await shopFacts(handle);
      expect(after.unbalanced).toEqual([]);
      expect(after.rows).toEqual(clean.rows);
      expect(after.rows.sales).toBeGreaterThan(10);
      // Finished now: a later start leaves it alone.
      expect(await seedDemoShopIfEmpty(serviceDeps(handle), { log: () => {} })).toBeNull();
    } finally {
      await handle.close();
    }
  });
});
