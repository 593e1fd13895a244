import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupSettings } from '../../src/config.ts';
import { demoCatalogue } from '../../src/demo/catalogue.ts';
import { takeBackup, type BackupSource } from '../../src/services/backups/backup.ts';
import { restoreBackup, type RestoreTarget } from '../../src/services/backups/backup-restore.ts';
import type { Actor, ServiceDeps } from '../../src/services/platform/context.ts';
import { seedDemoShopIfEmpty } from '../../src/services/demo/demo.ts';
import { completeSale } from '../../src/services/sales/sales.ts';
import { sql } from 'kysely';
import { openPglite, openPostgres, type DatabaseHandle } from '../../src/store/database.ts';
import { testDatabases } from '../support/databases.ts';
import { serviceDeps, testMasterKey } from '../support/deps.ts';
import { compareWithSource, ledgerFacts } from './ledger-facts.ts';

/** A cashier selling as fast as the database lets it: products, gift cards, store credit. */
async function sellUntil(
  deps: ServiceDeps,
  stop: { done: boolean },
  acknowledged: string[],
): Promise<void> {
  const cashier = await deps.db
    .selectFrom('staff')
    .innerJoin('registers', (join) => join.onTrue())
    .select(['staff.id as staffId', 'registers.id as registerId', 'registers.outlet_id'])
    .where('staff.username', '=', 'cara')
    .executeTakeFirstOrThrow();
  const actor: Actor = {
    kind: 'staff',
    staffId: cashier.staffId,
    label: 'cara',
    role: 'cashier',
    outletId: cashier.outlet_id,
    registerId: cashier.registerId,
  };
  const withCredit = await deps.db
    .selectFrom('store_credit_accounts')
    .select('customer_id')
    .execute();
  const cards = await deps.db
    .selectFrom('gift_cards')
    .select('number')
    .where('state', '=', 'ACTIVE')
    .execute();
  const product = demoCatalogue('GBP')[0]!;
  // Balances run out after a while: what is spent is 1.00 a time, and only while it lasts.
  const spent = new Set<string>();
  for (let i = 0; !stop.done; i++) {
    const customer = withCredit[i % withCredit.length]!.customer_id;
    const card = cards[i % cards.length]!.number;
    const paidOther =
      i % 3 === 0 && !spent.has(card)
        ? { kind: 'gift_card' as const, number: card, amount: 100 }
        : i % 3 === 1 && !spent.has(customer)
          ? { kind: 'store_credit' as const, amount: 100 }
          : null;
    // A till's requests arrive through the event loop; an in-memory PGlite never waits on
    // I/O, so without this pause the loop would starve every timer (the test's included).
    await new Promise((resolve) => setTimeout(resolve, 5));
    const sale = await completeSale({
      deps,
      actor,
      input: {
        customer: { id: customer },
        lines: [{ product: product.sku, quantity: 1 }],
        tenders: paidOther
          ? [paidOther, { kind: 'card', amount: product.price - 100, reference: `T${i}` }]
          : [{ kind: 'card', amount: product.price, reference: `T${i}` }],
        idempotencyKey: `backup-load-${i}`,
      },
    });
    if (sale.ok) acknowledged.push(sale.value.id);
    else if (sale.code === 'insufficient_balance')
      spent.add(paidOther?.kind === 'gift_card' ? card : customer);
    // Any other refusal is a bug in this test, not load: stop rather than spin.
    else throw new Error(`sale ${i} refused: ${sale.code} ${sale.message}`);
  }
}

/** The URL of the database a test handle opened, for pg_dump. */
async function urlOf(handle: DatabaseHandle): Promise<string> {
  const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(
    handle.db,
  );
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${rows[0]!.name}`;
  return url.toString();
}

/** A new, empty PostgreSQL database (no migrations): where a backup is restored. */
async function emptyPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `clientele_restore_${Math.random().toString(16).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

describe.each(testDatabases())('a backup taken on $name while it sells', (database) => {
  let dir: string;
  let source: DatabaseHandle;
  let deps: ServiceDeps;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'clientele-backup-'));
    source = await database.open();
    deps = serviceDeps(source);
    await seedDemoShopIfEmpty(deps, { log: () => {}, customers: 40 });
  }, 120_000);
  afterAll(async () => {
    await source.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'restores into a new database with every sale and ledger balance of that moment',
    { timeout: 180_000 },
    async () => {
      const settings: BackupSettings = {
        dir: join(dir, 'backups'),
        keepDays: 7,
        nightlyAt: null,
        pgBinDir: null,
      };
      const backupSource: BackupSource = {
        database: source,
        databaseUrl: source.kind === 'postgres' ? await urlOf(source) : null,
        settings,
        masterKey: { fromEnvironment: false, dataDir: join(dir, 'data') },
      };
      const stop = { done: false };
      const acknowledged: string[] = [];
      const selling = sellUntil(deps, stop, acknowledged);
      const waitFor = async (count: number) => {
        while (acknowledged.length < count) {
          await Promise.race([selling, new Promise((resolve) => setTimeout(resolve, 20))]);
        }
      };
      await waitFor(5);
      const soldBefore = [...acknowledged];
      const taken = await takeBackup(backupSource, { trigger: 'manual', now: () => new Date() });
      const soldDuring = acknowledged.length;
      // A few more sales after the copy, so the source has moved on from it.
      await waitFor(soldDuring + 3);
      stop.done = true;
      await selling;
      expect(taken.ok && taken.value.sizeBytes, JSON.stringify(taken)).toBeGreaterThan(0);
      if (!taken.ok) return;
      expect(taken.value.masterKeyNote).toContain(join(dir, 'data', 'master.key'));

      const pgTarget = source.kind === 'postgres' ? await emptyPostgres() : null;
      const target: RestoreTarget = pgTarget
        ? { kind: 'postgres', databaseUrl: pgTarget.url, pgBinDir: null }
        : { kind: 'pglite', dataDir: join(dir, 'restored') };
      try {
        const restored = await restoreBackup({
          file: taken.value.file,
          target,
          options: {
            force: false,
            masterKey: testMasterKey,
            now: () => new Date(),
          },
        });
        expect(restored.ok, JSON.stringify(restored)).toBe(true);
        if (!restored.ok) return;
        expect(restored.value.unbalanced).toEqual([]);
        expect(restored.value.masterKey).toBe('opens');

        const copy = pgTarget
          ? openPostgres(pgTarget.url, 2)
          : await openPglite({ dataDir: join(dir, 'restored') });
        try {
          const restoredFacts = await ledgerFacts(copy.db);
          const sourceFacts = await ledgerFacts(source.db);
          for (const id of soldBefore) expect(restoredFacts.sales.has(id), id).toBe(true);
          expect(restoredFacts.sales.size).toBeLessThan(sourceFacts.sales.size);
          const compared = compareWithSource(restoredFacts, sourceFacts);
          expect(compared.foreignSales).toEqual([]);
          expect(compared.foreignEntries).toEqual([]);
          expect(compared.differentBalances).toEqual([]);
          // Gift cards, store credit and points all moved during the run, and all compared.
          for (const prefix of ['gc:', 'sc:', 'pt:']) {
            expect([...restoredFacts.balances.keys()].some((k) => k.startsWith(prefix))).toBe(true);
          }
        } finally {
          await copy.close();
        }
      } finally {
        await pgTarget?.drop();
      }
    },
  );
});
