import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { makeCardNumber } from '../../src/domain/customer-number.ts';
import { CustomerExport } from '../../src/http/schemas/customers-export.ts';
import { findPgTool } from '../../src/services/backups/backup-postgres.ts';
import { erasureOfCustomerTables } from '../../src/services/customers/customer-erasure.ts';
import { selectGiftCardLedgerMismatches } from '../../src/store/gift-cards.ts';
import { selectLoyaltyMismatches } from '../../src/store/loyalty.ts';
import { selectStoreCreditMismatches } from '../../src/store/store-credit.ts';
import { runClientele } from '../support/cli.ts';
import { testMasterKey } from '../support/deps.ts';
import {
  send,
  seedTestShop,
  servedDatabases,
  signIn,
  spawnServer,
  type ServedDatabase,
} from '../ops/server-process.ts';
import {
  canaryWord,
  inWal,
  scanBytes,
  scanFolder,
  scanPgDump,
  scanPgliteBackup,
  type CanaryHit,
} from './canary-scan.ts';

/**
 * Issue 12's proof of erasure: canary name, notes, contact details and free text are
 * planted on a customer with sales, store credit and points, through the real server;
 * the customer is exported (the document checked against its schema) and erased; the
 * server stops cleanly and `clientele maintenance` runs. Then the data directory (or the
 * PostgreSQL database's files), the server's log and a backup are scanned byte for byte:
 * no canary may be left in live data, nor in the embedded database's WAL. What a
 * PostgreSQL server's WAL still holds is reported, not failed (its segments are
 * recycled, not wiped, unless its wal_recycle is off). Every ledger still balances and the books before
 * the erasure read the same after it.
 */
describe.each(servedDatabases())(
  'erasure leaves no trace on $name',
  { timeout: 300_000 },
  ({ prepare }) => {
    it('plants canaries, exports, erases, maintains, and finds none in live data, log or backup', async () => {
      const database = await prepare();
      try {
        await plantEraseAndScan(database);
      } finally {
        await database.remove();
      }
    });
  },
);

function canaries() {
  const first = canaryWord('Zyq');
  const last = canaryWord('Vomb');
  const old = canaryWord('Oldq');
  // 07911 123xxx: valid UK mobile numbers (libphonenumber knows the range).
  const digits = `123${String(100 + Math.floor(Math.random() * 899))}`;
  return {
    first,
    last,
    old,
    email: `${canaryWord('mail')}@example.org`,
    phone: `07911 ${digits}`,
    phoneE164: `+447911${digits}`,
    street: `${canaryWord('Street')} Road`,
    note: canaryWord('Note'),
    brand: canaryWord('Brand'),
    requester: canaryWord('Asker'),
  };
}

type Json = Record<string, unknown>;

type Api = (
  method: string,
  path: string,
  cookie: string,
  body?: unknown,
) => Promise<{ status: number; json: Json }>;

function apiOf(url: string): Api {
  let n = 0;
  return async (method, path, cookie, body) => {
    n += 1;
    const outcome = await send({
      url: `${url}/api/v1${path}`,
      method,
      headers: { cookie, 'idempotency-key': `canary-${Date.now()}-${n}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (outcome.kind !== 'answered')
      throw new Error(`${method} ${path}: ${JSON.stringify(outcome)}`);
    return { status: outcome.status, json: outcome.body ? JSON.parse(outcome.body) : null };
  };
}

async function passwordCookie(url: string, username: string): Promise<string> {
  const outcome = await send({
    url: `${url}/api/v1/auth/sign-in`,
    method: 'POST',
    body: JSON.stringify({ username, password: 'correct-horse-1' }),
  });
  const cookie = outcome.kind === 'answered' ? outcome.headers['set-cookie']?.[0] : undefined;
  if (!cookie) throw new Error(`sign-in failed: ${JSON.stringify(outcome)}`);
  return cookie.split(';')[0]!;
}

async function plantEraseAndScan(database: ServedDatabase): Promise<void> {
  const planted = canaries();
  const secrets = Object.values(planted).filter((value) => value !== planted.phone);
  const shop = await seedTestShop(database);
  const env = {
    ...database.env,
    CLIENTELE_BACKUP_AT: 'off',
    CLIENTELE_MASTER_KEY: testMasterKey.toString('hex'),
  };
  const server = spawnServer(env);
  const url = await server.url();
  const api = apiOf(url);
  const cashier = await signIn(url, shop);
  const admin = await passwordCookie(url, 'admin1');
  const expectOk = (answer: { status: number; json: Json }, what: string) => {
    expect(answer.status, `${what}: ${JSON.stringify(answer.json)}`).toBeLessThan(300);
    return answer.json;
  };

  // Planted through the API, as the till and back office would.
  const created = expectOk(
    await api('POST', '/customers', cashier, {
      name: `${planted.old} ${planted.last}`,
      phone: planted.phone,
      email: planted.email,
      address: { line1: planted.street, city: 'Leeds', postcode: 'LS1 4AB', country: 'GB' },
      birthday: '1979-02-03',
      notes: `Regular; ${planted.note}`,
      preferences: { brands: [planted.brand], sizes: ['L'] },
      consents: [{ channel: 'email', granted: true, wording: 'Offers by email, at most weekly' }],
    }),
    'create',
  ).customer as { id: string };
  const id = created.id;
  expectOk(
    await api('PATCH', `/customers/${id}`, cashier, { name: `${planted.first} ${planted.last}` }),
    'rename',
  );
  const card = makeCardNumber(9_301);
  expectOk(await api('POST', `/customers/${id}/cards`, cashier, { cardNumber: card }), 'card');
  const sale = expectOk(
    await api('POST', '/sales', cashier, {
      customer: { card },
      lines: [{ product: 'JEAN-32', quantity: 1 }],
      tenders: [{ kind: 'cash', received: 100_000 }],
    }),
    'sale',
  ).sale as { id: string };
  expectOk(
    await api('POST', `/customers/${id}/store-credit/adjustments`, admin, {
      currency: 'GBP',
      amount: 1_500,
      reason: 'goodwill',
    }),
    'store credit',
  );
  expectOk(
    await api('POST', `/customers/${id}/loyalty/adjustments`, admin, {
      points: 250,
      reasonCode: 'goodwill',
      reason: 'late parcel',
    }),
    'points',
  );
  expectOk(await api('GET', `/customers/search?q=${planted.first}`, cashier), 'search by name');
  expectOk(
    await api('GET', `/customers/search?q=${encodeURIComponent(planted.phone)}`, cashier),
    'search by phone',
  );
  expectOk(
    await api('POST', `/customers/${id}/reveal`, admin, { reason: 'checking the address' }),
    'reveal',
  );
  expectOk(
    await api('POST', `/customers/${id}/rights-requests`, admin, {
      kind: 'erasure',
      requestedBy: `${planted.requester} by letter`,
      note: `signed ${planted.requester}`,
    }),
    'erasure request',
  );

  // The export holds the canaries and matches its own schema.
  const exported = expectOk(
    await api('POST', `/customers/${id}/export`, admin, { reason: 'customer asked for a copy' }),
    'export',
  );
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const valid = ajv.compile(CustomerExport);
  expect(valid(exported), JSON.stringify(valid.errors)).toBe(true);
  const exportText = JSON.stringify(exported);
  for (const secret of [
    planted.first,
    planted.last,
    planted.email,
    planted.street,
    planted.note,
    planted.brand,
  ])
    expect(exportText, secret).toContain(secret);

  // The books as they stand before the erasure.
  const cutOff = new Date().toISOString();
  const report = () => api('GET', `/reports/stored-value?to=${encodeURIComponent(cutOff)}`, admin);
  const saleView = () => api('GET', `/sales/${sale.id}`, admin);
  const reportBefore = expectOk(await report(), 'report');
  const saleBefore = expectOk(await saleView(), 'sale view');

  const erased = expectOk(
    await api('POST', `/customers/${id}/erase`, admin, {
      reason: 'art. 17 request by letter',
      storeCredit: 'paid_out',
      points: 'forfeited',
    }),
    'erase',
  );
  expect(erased).toMatchObject({
    storeCredit: [{ amount: 1_500, outcome: 'paid_out' }],
    pointsForfeited: 250,
    requestsClosed: 1,
  });
  // The period before the erasure reads the same; what is outstanding now is less by
  // exactly the credit paid out, which the erasure wrote as a ledger entry.
  const reportAfter = expectOk(await report(), 'report after');
  const credit = (report: Json) =>
    report.storeCredit as { movements: unknown; outstanding: { balance: number }[] };
  expect(reportAfter.giftCards).toEqual(reportBefore.giftCards);
  expect(credit(reportAfter).movements).toEqual(credit(reportBefore).movements);
  const outstanding = (report: Json) =>
    credit(report).outstanding.reduce((sum, row) => sum + row.balance, 0);
  expect(outstanding(reportAfter)).toBe(outstanding(reportBefore) - 1_500);
  const saleAfter = expectOk(await saleView(), 'sale view after');
  expect(pick(saleAfter)).toEqual(pick(saleBefore));

  // A clean stop, then the maintenance the README asks for.
  server.child.kill('SIGTERM');
  expect((await server.exited).code).toBe(0);
  const maintenance = await runClientele(['maintenance'], env);
  expect(maintenance.code, maintenance.stderr).toBe(0);

  const handle = await database.open();
  let live: CanaryHit[];
  let wal: CanaryHit[] = [];
  try {
    expect(await selectStoreCreditMismatches(handle.db)).toEqual([]);
    expect(await selectLoyaltyMismatches(handle.db)).toEqual([]);
    expect(await selectGiftCardLedgerMismatches(handle.db)).toEqual([]);
    await expectNoRowsLeft(handle.db, id);
    const files = await databaseFiles(database, handle.db);
    const hits = files.flatMap((root) => scanFolder(root, secrets));
    live = hits.filter((hit) => !inWal(hit));
    wal = hits.filter(inWal);
  } finally {
    await handle.close();
  }
  expect(live, 'canaries in live data files').toEqual([]);

  const log = JSON.stringify(server.lines) + server.stderr();
  expect(scanBytes(Buffer.from(log), 'server log', secrets)).toEqual([]);

  const backupDir = join(database.dataDir, 'canary-backup');
  const backup = await runClientele(['backup', '--dir', backupDir], env);
  expect(backup.code, backup.stderr).toBe(0);
  const [file] = readdirSync(backupDir);
  const backupFile = join(backupDir, file!);
  const backupHits =
    database.name === 'pglite'
      ? await scanPgliteBackup(backupFile, secrets)
      : await scanPgDump(backupFile, secrets, await pgRestore());
  expect(
    backupHits.filter((hit) => !inWal(hit)),
    'canaries in the backup',
  ).toEqual([]);
  rmSync(backupDir, { recursive: true, force: true });

  // On the embedded database maintenance deletes the old WAL segments, so none is left
  // there either. A PostgreSQL server recycles them (unless its wal_recycle is off):
  // reported, not failed, as the README says.
  const walInBackup = backupHits.filter(inWal).length;
  if (database.name === 'pglite')
    expect([...wal, ...backupHits], 'canaries in the WAL').toEqual([]);
  console.info(
    `[${database.name}] erasure canaries: 0 in live data, log and backup; WAL: ${wal.length} hit(s) in ${new Set(wal.map((h) => h.file)).size} segment(s) of the data directory, ${walInBackup} in the backup's copy of it`,
  );
}

/** What the books show of a sale: unchanged by erasing its customer. */
function pick(view: Json) {
  const sale = view.sale as Json;
  return {
    number: sale.number,
    total: sale.total,
    tax: sale.tax,
    lines: sale.lines,
    tenders: sale.tenders,
  };
}

/** The tables erasure says it deletes or unlinks hold no row of the customer. */
async function expectNoRowsLeft(db: import('../../src/store/database.ts').Db, customerId: string) {
  for (const [table, treatment] of Object.entries(erasureOfCustomerTables)) {
    if (treatment !== 'deleted' && treatment !== 'unlinked') continue;
    const rows = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE customer_id = ${customerId}`.execute(
      db,
    );
    expect(rows.rows[0]!.n, table).toBe(0);
  }
}

/** The files that hold the database: PGlite's data directory, or this database's folder of the cluster. */
async function databaseFiles(
  database: ServedDatabase,
  db: import('../../src/store/database.ts').Db,
): Promise<string[]> {
  if (database.name === 'pglite') return [database.dataDir];
  const row = await sql<{ dir: string; oid: number }>`
    SELECT current_setting('data_directory') AS dir, d.oid::int AS oid
    FROM pg_database d WHERE d.datname = current_database()`.execute(db);
  const { dir, oid } = row.rows[0]!;
  return [join(dir, 'base', String(oid)), join(dir, 'pg_wal')];
}

async function pgRestore(): Promise<string> {
  const tool = await findPgTool('pg_restore', {
    serverMajor: 15,
    binDir: process.env.CLIENTELE_PG_BIN || null,
  });
  if (!tool.ok) throw new Error(tool.message);
  return tool.value.path;
}
