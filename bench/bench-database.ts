import pg from 'pg';
import { openPglite, openPostgres, type DatabaseHandle } from '../src/store/database.ts';
import { migrateToLatest } from '../src/store/migrate.ts';

export const defaultBenchDatabaseUrl = 'postgres://postgres@127.0.0.1:5432/clientele_bench';

/** Creates the benchmark database when it is missing, connecting to the server's `postgres` one. */
async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (name === '') throw new Error(`BENCH_DATABASE_URL names no database: ${url}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    }
  } finally {
    await client.end();
  }
}

/** Every run starts from an empty schema, so figures never depend on an earlier run. */
async function resetPublicSchema(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('DROP SCHEMA IF EXISTS public CASCADE');
    await client.query('CREATE SCHEMA public');
  } finally {
    await client.end();
  }
}

export async function openFreshPostgres(url: string, poolSize: number): Promise<DatabaseHandle> {
  await ensureDatabase(url);
  await resetPublicSchema(url);
  const handle = openPostgres(url, poolSize);
  await migrateToLatest(handle.db);
  return handle;
}

/** For `--reuse`: the data of an earlier run, brought up to the latest migration. */
export async function openExistingPostgres(url: string, poolSize: number): Promise<DatabaseHandle> {
  const handle = openPostgres(url, poolSize);
  await migrateToLatest(handle.db);
  return handle;
}

/** In memory (no data directory), as a test or a till without persistence would run it. */
export async function openFreshPglite(): Promise<DatabaseHandle> {
  const handle = await openPglite({});
  await migrateToLatest(handle.db);
  return handle;
}

/** Strips the password before a URL is printed. */
export function describeUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
