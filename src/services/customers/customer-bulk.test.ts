import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.ts';
import { serviceDeps } from '../../../test/support/deps.ts';
import type { DatabaseHandle } from '../../store/database.ts';
import { inTransaction } from '../../store/transaction.ts';
import { ok } from '../../domain/result.ts';
import { systemActor } from '../platform/context.ts';
import { insertValidatedCustomers } from './customer-bulk.ts';

describe.each(testDatabases())('bulk customer creation on $name', (database) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await database.open();
  });
  afterAll(() => handle.close());

  it('draws again only for the record whose number was taken within the same batch', async () => {
    const draws = [11_111_111, 11_111_111, 22_222_222];
    const deps = { ...serviceDeps(handle), randomInt: () => draws.shift() ?? 33_333_333 };
    const written = await inTransaction(deps.db, async (trx) =>
      ok(
        await insertValidatedCustomers({
          trx,
          deps,
          actor: systemActor,
          items: [
            { changes: { name: 'First Draw' }, consents: [] },
            { changes: { name: 'Second Draw' }, consents: [] },
          ],
          source: 'test',
        }),
      ),
    );
    if (!written.ok) throw new Error(written.message);
    const rows = await handle.db
      .selectFrom('customers')
      .select(['name', 'number'])
      .orderBy('name')
      .execute();
    expect(rows.map((row) => row.name)).toEqual(['First Draw', 'Second Draw']);
    expect(new Set(rows.map((row) => row.number)).size).toBe(2);
  });
});
