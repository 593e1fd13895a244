import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openPglite, openPostgres, type DatabaseHandle } from '../../src/store/database.ts';

export type TestDatabase = { name: 'pglite' | 'postgres'; open: () => Promise<DatabaseHandle> };

/** A fresh, migrated PGlite in memory, copied from the snapshot the global setup made. */
async function openPgliteCopy(): Promise<DatabaseHandle> {
  const snapshot = readFileSync(inject('pgliteSnapshot'));
  return openPglite({ loadDataDir: new Blob([snapshot]) });
}

/** A fresh PostgreSQL database cloned from the migrated template; dropped on close. */
async function openPostgresCopy(templateUrl: string, poolSize: number): Promise<DatabaseHandle> {
  const template = new URL(templateUrl);
  const name = `clientele_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template.pathname.slice(1)}`);
  } finally {
    await admin.end();
  }
  const url = new URL(templateUrl);
  url.pathname = `/${name}`;
  const handle = openPostgres(url.toString(), poolSize);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export function testDatabases(options: { poolSize?: number } = {}): TestDatabase[] {
  const databases: TestDatabase[] = [{ name: 'pglite', open: openPgliteCopy }];
  const template = inject('postgresTemplate');
  if (template) {
    databases.push({
      name: 'postgres',
      open: () => openPostgresCopy(template, options.poolSize ?? 10),
    });
  }
  return databases;
}

export function postgresOnly(options: { poolSize?: number } = {}): TestDatabase | null {
  return testDatabases(options).find((database) => database.name === 'postgres') ?? null;
}
