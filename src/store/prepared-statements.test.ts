import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/support/databases.ts';
import { createTestShop, serviceDeps } from '../../test/support/deps.ts';
import { newCustomer } from '../../test/support/loyalty.ts';
import { findCustomerById } from './customers.ts';
import type { DatabaseHandle } from './database.ts';
import { findCustomerWithHintById } from './insight-hints.ts';

// One connection, so what the look-ups prepared is what pg_prepared_statements shows.
describe.each(testDatabases({ poolSize: 1 }))('prepared statements on $name', (database) => {
  let handle: DatabaseHandle;
  let ids: string[];

  beforeAll(async () => {
    handle = await database.open();
    const deps = serviceDeps(handle);
    const { admin } = (await createTestShop(deps)).actors;
    ids = [
      await newCustomer(deps, admin, 'Ada Prepared'),
      await newCustomer(deps, admin, 'Bo Prepared'),
    ];
  });
  afterAll(() => handle?.close());

  const prepared = async () =>
    (
      await sql<{
        statement: string;
      }>`SELECT statement FROM pg_prepared_statements WHERE name LIKE 'clientele_%'`.execute(
        handle.db,
      )
    ).rows.map((row) => row.statement);

  it('prepares the marked look-ups once and answers each id with its own row', async () => {
    for (const id of [...ids, ...ids]) {
      expect((await findCustomerById(handle.db, id))?.id).toBe(id);
      expect((await findCustomerWithHintById(handle.db, id))?.id).toBe(id);
    }
    const statements = await prepared();
    expect(statements).toHaveLength(2);
    expect(statements.every((text) => text.includes('"customers"'))).toBe(true);
    expect(await findCustomerById(handle.db, '00000000-0000-4000-8000-000000000000')).toBe(
      undefined,
    );
  });

  it('leaves every other statement unnamed, a locking read among them', async () => {
    const before = await prepared();
    await handle.db.transaction().execute(async (trx) => {
      expect((await findCustomerById(trx, ids[0]!, { forUpdate: true }))?.id).toBe(ids[0]);
    });
    await handle.db.selectFrom('customers').select('id').where('id', '=', ids[1]!).execute();
    expect(await prepared()).toEqual(before);
  });
});
