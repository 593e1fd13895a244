import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPglite } from '../../src/store/database.ts';
import { preparePostgresTemplate } from './postgres-template.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { bundleCli } from './cli-bundle.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    postgresTemplate: string | null;
    cliBundle: string;
  }
}

/**
 * A fresh PGlite costs seconds, so the migrated database is made once here and every
 * test file starts from a copy of it. On PostgreSQL a migrated template database
 * plays the same role (CREATE DATABASE ... TEMPLATE is fast).
 */
export default async function setup(project: TestProject) {
  const cli = await bundleCli();
  project.provide('cliBundle', cli.path);
  const dir = mkdtempSync(join(tmpdir(), 'clientele-test-'));
  const pglite = await openPglite({});
  await migrateToLatest(pglite.db);
  const dump = await pglite.dumpDataDir!();
  await pglite.close();
  const snapshot = join(dir, 'migrated.tar');
  writeFileSync(snapshot, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteSnapshot', snapshot);

  const url = process.env.TEST_DATABASE_URL;
  const template = url ? await preparePostgresTemplate(url) : null;
  project.provide('postgresTemplate', template?.url ?? null);
  return async () => {
    rmSync(dir, { recursive: true, force: true });
    cli.remove();
    await template?.drop();
  };
}
