import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import type { BackupSettings } from '../../src/config.ts';
import type { BackupSource } from '../../src/services/backups/backup.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';

/** The URL of the database a test handle opened: what pg_dump is pointed at. */
export async function urlOf(handle: DatabaseHandle): Promise<string> {
  const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(
    handle.db,
  );
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${rows[0]!.name}`;
  return url.toString();
}

/** What the server hands the backup services, with the backups going into `root/backups`. */
export async function backupSourceFor(
  handle: DatabaseHandle,
  root: string,
  settings: Partial<BackupSettings> = {},
): Promise<BackupSource> {
  return {
    database: handle,
    databaseUrl: handle.kind === 'postgres' ? await urlOf(handle) : null,
    settings: {
      dir: join(root, 'backups'),
      keepDays: 14,
      nightlyAt: { hour: 3, minute: 0 },
      pgBinDir: null,
      ...settings,
    },
    masterKey: { fromEnvironment: false, dataDir: join(root, 'data') },
  };
}

/** A new, empty PostgreSQL database (no migrations): where a backup is restored. */
export async function emptyPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `clientele_restore_${Math.random().toString(16).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
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
