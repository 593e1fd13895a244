import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Migrator, sql, type Migration } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type DatabaseHandle } from './database.ts';

const wordingsMigration = '2026_12_06_1000_create_consent_wordings';
const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

/** The migrations up to `last`, read from disk in name order. */
async function migrationsUpTo(
  last: string,
  inclusive: boolean,
): Promise<Record<string, Migration>> {
  const names = readdirSync(migrationsDir)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => file.slice(0, -3))
    .filter((name) => (inclusive ? name <= last : name < last))
    .sort();
  const entries = await Promise.all(
    names.map(
      async (name) => [name, (await import(`./migrations/${name}.ts`)) as Migration] as const,
    ),
  );
  return Object.fromEntries(entries);
}

async function migrate(handle: DatabaseHandle, inclusive: boolean): Promise<void> {
  const migrations = await migrationsUpTo(wordingsMigration, inclusive);
  const migrator = new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => migrations },
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

/**
 * The consent_wordings migration on a database that already holds consent: each distinct
 * wording stored once per channel, numbered by first use, the latest given one current,
 * every record linked, erased records left unlinked, and the guard still in force.
 */
describe('consent wordings backfill', () => {
  let handle: DatabaseHandle;
  const customer = (n: number) => `0190a000-0000-7000-8000-00000000000${n}`;

  beforeAll(async () => {
    handle = await openPglite({});
    await migrate(handle, false);
    for (const [n, status] of [
      [1, 'active'],
      [2, 'active'],
      [3, 'erased'],
    ] as const) {
      await sql`INSERT INTO customers (id, number, name, search_name, status, erased_at)
        VALUES (${customer(n)}, ${`10000000${n}`}, ${`C${n}`}, ${`c${n}`}, ${status},
          ${status === 'erased' ? new Date('2026-01-01T00:00:00Z') : null})`.execute(handle.db);
    }
    const records: [number, string, boolean, string, string, string][] = [
      [1, 'email', true, 'Old email text', '2024-01-01', 'till'],
      [2, 'email', true, 'Old email text', '2024-02-01', 'till'],
      [1, 'email', false, 'Stop emails', '2024-03-01', 'till'],
      [2, 'email', true, 'New email text', '2025-01-01', 'api'],
      [1, 'sms', true, 'Texts please', '2024-05-01', 'till'],
      [3, 'email', true, '(erased)', '2023-01-01', 'erased'],
    ];
    for (const [i, [n, channel, granted, wording, at, source]] of records.entries()) {
      await sql`INSERT INTO consent_records (id, customer_id, channel, granted, wording, recorded_at, source)
        VALUES (${`0190b000-0000-7000-8000-00000000000${i}`}, ${customer(n)}, ${channel},
          ${granted}, ${wording}, ${new Date(`${at}T10:00:00Z`)}, ${source})`.execute(handle.db);
    }
    await migrate(handle, true);
  });
  afterAll(() => handle?.close());

  it('stores each wording once per channel, numbered by first use, the latest given current', async () => {
    const wordings = await handle.db
      .selectFrom('consent_wordings')
      .select(['channel', 'version', 'text', 'current'])
      .orderBy('channel')
      .orderBy('version')
      .execute();
    expect(wordings).toEqual([
      { channel: 'email', version: 1, text: 'Old email text', current: false },
      { channel: 'email', version: 2, text: 'Stop emails', current: false },
      { channel: 'email', version: 3, text: 'New email text', current: true },
      { channel: 'sms', version: 1, text: 'Texts please', current: true },
    ]);
  });

  it('links every record to its wording, except the erased ones', async () => {
    const rows = await handle.db
      .selectFrom('consent_records as r')
      .leftJoin('consent_wordings as w', 'w.id', 'r.wording_id')
      .select(['r.wording', 'r.source', 'w.text'])
      .orderBy('r.id')
      .execute();
    for (const row of rows) {
      expect(row.text).toBe(row.source === 'erased' ? null : row.wording);
    }
  });

  it('keeps the records append-only', async () => {
    await expect(
      handle.db.updateTable('consent_records').set({ wording_id: null }).execute(),
    ).rejects.toThrow(/append-only/);
  });
});
