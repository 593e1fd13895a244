import { sql } from 'kysely';
import type { Db } from './database.ts';

/**
 * Every table the application keeps data in: the schema's tables, read from the catalogue
 * so a table added by a later migration is never forgotten, less Kysely's own
 * migration bookkeeping.
 */
export async function selectApplicationTables(db: Db): Promise<string[]> {
  const rows = await sql<{ name: string }>`
    SELECT tablename AS name FROM pg_tables
    WHERE schemaname = current_schema() AND tablename NOT LIKE 'kysely\_%'
    ORDER BY tablename
  `.execute(db);
  return rows.rows.map((row) => row.name);
}

/** How many rows each application table holds, by table name. */
export async function selectTableRowCounts(db: Db): Promise<Record<string, number>> {
  const tables = await selectApplicationTables(db);
  if (tables.length === 0) return {};
  const counts = await sql<{ name: string; n: number | string }>`${sql.join(
    tables.map(
      (table) => sql`SELECT ${table}::text AS name, count(*) AS n FROM ${sql.table(table)}`,
    ),
    sql` UNION ALL `,
  )}`.execute(db);
  return Object.fromEntries(counts.rows.map((row) => [row.name, Number(row.n)]));
}

/**
 * Empties every application table in one statement (so it happens entirely or not at
 * all), restarting identity counters so what is written next numbers as on a new database.
 */
export async function truncateApplicationTables(db: Db): Promise<void> {
  const tables = await selectApplicationTables(db);
  if (tables.length === 0) return;
  await sql`TRUNCATE ${sql.join(tables.map((table) => sql.table(table)))} RESTART IDENTITY CASCADE`.execute(
    db,
  );
}

/**
 * What in the database was not written by the demo seeding: sales from any other source,
 * staff outside the demo list, customers created by a staff member. A half-made demo
 * shop is wiped only when all three are zero.
 */
export async function countNonDemoData(
  db: Db,
  demoUsernames: readonly string[],
): Promise<{ sales: number; staff: number; customers: number }> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('sales')
        .select((s) => s.fn.countAll<number>().as('n'))
        .where('source', '<>', 'demo')
        .as('sales'),
      eb
        .selectFrom('staff')
        .select((s) => s.fn.countAll<number>().as('n'))
        .where('username', 'not in', [...demoUsernames])
        .as('staff'),
      eb
        .selectFrom('customers')
        .select((s) => s.fn.countAll<number>().as('n'))
        .where('created_by_staff_id', 'is not', null)
        .as('customers'),
    ])
    .executeTakeFirstOrThrow();
  return { sales: Number(row.sales), staff: Number(row.staff), customers: Number(row.customers) };
}

/** The advisory lock's two keys: arbitrary, fixed, used for nothing else. */
const demoSeedingLock = [20261122, 7] as const;

/**
 * Runs `work` holding a PostgreSQL advisory lock, on one connection of its own that
 * `work` is given: processes starting together on one PostgreSQL database take turns
 * (the lock goes with the session, so a killed process lets go at once), and on PGlite,
 * whose pool has a single connection, the work must run on that same connection anyway.
 */
export async function withDemoSeedingLock<T>(db: Db, work: (db: Db) => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    await sql`SELECT pg_advisory_lock(${demoSeedingLock[0]}, ${demoSeedingLock[1]})`.execute(
      connection,
    );
    try {
      return await work(connection);
    } finally {
      // Should the connection itself have failed, its session (and the lock) is gone
      // already: the error worth reporting is the one from `work`.
      await sql`SELECT pg_advisory_unlock(${demoSeedingLock[0]}, ${demoSeedingLock[1]})`
        .execute(connection)
        .catch(() => undefined);
    }
  });
}
