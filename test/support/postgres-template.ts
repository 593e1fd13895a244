import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgres } from '../../src/store/database.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';

const templatePrefix = 'clientele_test_template_';
/** A template left behind by a run that was killed is dropped once it is this old. */
const staleAfterMs = 12 * 3_600_000;

export type PostgresTemplate = { url: string; drop: () => Promise<void> };

async function withAdmin<T>(url: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/**
 * A migrated template database of this run's own: its name carries the run's start time
 * and a random part, so two test runs on one server (two checkouts, CI beside a
 * developer) never drop each other's template.
 */
export async function preparePostgresTemplate(
  url: string,
  now = Date.now(),
): Promise<PostgresTemplate> {
  const name = `${templatePrefix}${now}_${randomBytes(4).toString('hex')}`;
  await withAdmin(url, async (admin) => {
    await dropStaleTemplates(admin, now);
    await admin.query(`CREATE DATABASE ${name}`);
  });
  const templateUrl = new URL(url);
  templateUrl.pathname = `/${name}`;
  const handle = openPostgres(templateUrl.toString(), 2);
  await migrateToLatest(handle.db);
  await handle.close();
  return {
    url: templateUrl.toString(),
    drop: () =>
      withAdmin(url, async (admin) => {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }),
  };
}

async function dropStaleTemplates(admin: pg.Client, now: number): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE $1`,
    [`${templatePrefix}%`],
  );
  for (const { datname } of rows) {
    const startedAt = Number(datname.slice(templatePrefix.length).split('_')[0]);
    if (Number.isFinite(startedAt) && now - startedAt > staleAfterMs) {
      await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
  }
}
