import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabases } from '../../test/support/databases.ts';
import type { DatabaseHandle } from './database.ts';
import { safeIntegerFromDatabase, UnsafeNumberError } from './numbers.ts';

describe('numbers read from the database', () => {
  it('are whole numbers held exactly, or refused', () => {
    expect(safeIntegerFromDatabase('0')).toBe(0);
    expect(safeIntegerFromDatabase('-2500')).toBe(-2500);
    expect(safeIntegerFromDatabase('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    for (const text of ['9007199254740993', '12.5', '1e3', '', 'NaN']) {
      expect(() => safeIntegerFromDatabase(text), text).toThrow(UnsafeNumberError);
    }
  });
});

describe.each(testDatabases())('bigint and numeric from $name', (database) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await database.open();
  });
  afterAll(async () => handle.close());

  it('come back as numbers: a sum of money is a number, not text', async () => {
    const { rows } = await sql<{ total: unknown; big: unknown }>`
      SELECT sum(x)::numeric AS total, 4000000000::bigint AS big
      FROM (VALUES (1250::bigint), (-250::bigint)) AS amounts(x)
    `.execute(handle.db);
    expect(rows[0]).toEqual({ total: 1000, big: 4_000_000_000 });
  });

  it('fail the query rather than round a sum past 2^53', async () => {
    await expect(
      sql`SELECT sum(x) AS total FROM (VALUES (${Number.MAX_SAFE_INTEGER}::bigint), (2::bigint)) AS amounts(x)`.execute(
        handle.db,
      ),
    ).rejects.toThrow(/not a whole number JavaScript can hold exactly/);
  });
});
