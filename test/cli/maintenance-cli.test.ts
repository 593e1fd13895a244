import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runClientele } from '../support/cli.ts';
import { completeSale } from '../../src/services/sales/sales.ts';
import { lockDataDirectory, openPglite, type DatabaseHandle } from '../../src/store/database.ts';
import { urlOf } from '../backup/backup-source.ts';
import { createTestCatalogue } from '../support/catalogue.ts';
import { testDatabases } from '../support/databases.ts';
import { createTestShop, serviceDeps, testMasterKey } from '../support/deps.ts';
import { newCustomer } from '../support/loyalty.ts';
import { key } from '../support/stored-value.ts';

const canary = 'CANARY-NOTE-7c1e';

/** Runs the real CLI in a child process against the given database. */
const clientele = (args: string[], env: Record<string, string>) =>
  runClientele(args, {
    CLIENTELE_MASTER_KEY: testMasterKey.toString('hex'),
    CLIENTELE_DEMO: 'false',
    ...env,
  });

/**
 * A customer with a sale from 2018, erased (the status, as the erasure sets it), whose
 * notes were overwritten: the old notes are a dead row version in the table file.
 */
async function plantErasedCustomer(handle: DatabaseHandle): Promise<void> {
  const clock = { now: new Date('2018-05-02T10:00:00Z') };
  const deps = serviceDeps(handle, { now: () => clock.now });
  const shop = await createTestShop(deps);
  await createTestCatalogue(deps.db);
  const customerId = await newCustomer(deps, shop.actors.cashier, 'Erin Erased');
  const sale = await completeSale({
    deps,
    actor: shop.actors.cashier,
    input: {
      customer: { id: customerId },
      lines: [{ product: 'JEAN-32', quantity: 1 }],
      tenders: [{ kind: 'cash', received: 100_000 }],
      idempotencyKey: key(),
    },
  });
  if (!sale.ok) throw new Error(sale.message);
  await sql`UPDATE customers SET notes = ${canary} WHERE id = ${customerId}`.execute(deps.db);
  const column = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM information_schema.columns
    WHERE table_name = 'customers' AND column_name = 'erased_at'`.execute(deps.db);
  const erasedAt = column.rows[0]!.n > 0 ? sql`, erased_at = now()` : sql``;
  await sql`UPDATE customers SET status = 'erased', notes = NULL${erasedAt}
    WHERE id = ${customerId}`.execute(deps.db);
}

const fileNode = async (db: DatabaseHandle['db']) =>
  (await sql<{ node: number }>`SELECT pg_relation_filenode('customers') AS node`.execute(db))
    .rows[0]!.node;

function filesHolding(dir: string, text: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...filesHolding(path, text));
    else if (readFileSync(path).includes(text)) found.push(path);
  }
  return found;
}

describe.each(testDatabases())(
  'clientele maintenance on $name',
  { timeout: 200_000 },
  (database) => {
    const root = mkdtempSync(join(tmpdir(), 'clientele-maintenance-'));
    const dataDir = join(root, 'data');
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    /** The database as the CLI will see it: PGlite in a data directory, or PostgreSQL by URL. */
    async function prepare(): Promise<{ env: Record<string, string>; handle: DatabaseHandle }> {
      if (database.name === 'pglite') {
        const snapshot = new Blob([readFileSync(inject('pgliteSnapshot'))]);
        const handle = await openPglite({ dataDir, loadDataDir: snapshot });
        return { env: { DATABASE_URL: '', CLIENTELE_DATA_DIR: dataDir }, handle };
      }
      const handle = await database.open();
      return { env: { DATABASE_URL: await urlOf(handle), CLIENTELE_DATA_DIR: dataDir }, handle };
    }

    it('detaches, rewrites the tables and checkpoints; the old notes leave the table files', async () => {
      const { env, handle } = await prepare();
      let before: number;
      try {
        await plantErasedCustomer(handle);
        before = await fileNode(handle.db);
      } finally {
        if (database.name === 'pglite') await handle.close();
      }
      const pgdata = join(dataDir, 'pgdata', 'base');
      if (database.name === 'pglite') expect(filesHolding(pgdata, canary)).not.toEqual([]);

      const result = await clientele(['maintenance'], env);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(
        'Retention (6 years, sales before 2020-12-01): 1 sale and 1 sale line of erased customers detached.',
      );
      expect(result.stdout).toMatch(/Tables rewritten \(VACUUM FULL\): \d+ \(customers, /);
      expect(result.stdout).toContain('Checkpoint done.');
      expect(result.stdout).toMatch(/Took \d+\.\d s\./);

      if (database.name === 'pglite') {
        // Live table and index files: the dead row version is gone with the old file.
        expect(filesHolding(pgdata, canary)).toEqual([]);
        const reopened = await openPglite({ dataDir });
        try {
          expect(await fileNode(reopened.db)).not.toBe(before);
        } finally {
          await reopened.close();
        }
      } else {
        try {
          expect(await fileNode(handle.db)).not.toBe(before);
          const again = await clientele(['maintenance'], env);
          expect(again.stdout).toContain('0 sales and 0 sale lines');
        } finally {
          await handle.close();
        }
      }
    });

    it.runIf(database.name === 'pglite')(
      'refuses a data directory a running server holds, saying what to do',
      async () => {
        const release = lockDataDirectory(dataDir);
        try {
          const result = await clientele(['maintenance'], {
            DATABASE_URL: '',
            CLIENTELE_DATA_DIR: dataDir,
          });
          expect(result.code).not.toBe(0);
          const lines = result.stderr.trim().split('\n');
          expect(lines).toHaveLength(1);
          expect(lines[0]).toMatch(/^error data_directory_in_use: /);
          expect(lines[0]).toContain('stop the server');
        } finally {
          release();
        }
      },
    );

    it.runIf(database.name === 'pglite')('refuses an unknown option', async () => {
      const result = await clientele(['maintenance', '--all'], {
        DATABASE_URL: '',
        CLIENTELE_DATA_DIR: dataDir,
      });
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain("unknown option '--all'");
    });
  },
);
