import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../../src/store/database.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    postgresTemplate: string | null;
  }
}

export const templateDatabase = 'clientele_test_template';

/**
 * A fresh PGlite costs seconds, so the migrated database is made once here and every
 * test file starts from a copy of it. On PostgreSQL a migrated template database
 * plays the same role (CREATE DATABASE ... TEMPLATE is fast).
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-test-'));
  const pglite = await openPglite({});
  await migrateToLatest(pglite.db);
  const dump = await pglite.dumpDataDir!();
  await pglite.close();
  const snapshot = join(dir, 'migrated.tar');
  writeFileSync(snapshot, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteSnapshot', snapshot);

  const url = process.env.TEST_DATABASE_URL;
  project.provide('postgresTemplate', url ? await preparePostgresTemplate(url) : null);
  return () => rmSync(dir, { recursive: true, force: true });
}

async function preparePostgresTemplate(url: string): Promise<string> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${templateDatabase} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${templateDatabase}`);
  } finally {
    await admin.end();
  }
  const templateUrl = new URL(url);
  templateUrl.pathname = `/${templateDatabase}`;
  const handle = openPostgres(templateUrl.toString(), 2);
  await migrateToLatest(handle.db);
  await handle.close();
  return templateUrl.toString();
}
