import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { preparePostgresTemplate } from './postgres-template.ts';

const url = process.env.TEST_DATABASE_URL;

async function databaseExists(name: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rows.length === 1;
  } finally {
    await admin.end();
  }
}

const nameOf = (templateUrl: string) => new URL(templateUrl).pathname.slice(1);

describe.runIf(url)('PostgreSQL test templates', () => {
  it('gives two test runs on one server templates of their own', async () => {
    const first = await preparePostgresTemplate(url!);
    const second = await preparePostgresTemplate(url!);
    try {
      expect(nameOf(first.url)).not.toBe(nameOf(second.url));
      // The second run's preparation must leave the first run's template alone.
      expect(await databaseExists(nameOf(first.url))).toBe(true);
      await first.drop();
      expect(await databaseExists(nameOf(second.url))).toBe(true);
    } finally {
      await first.drop();
      await second.drop();
    }
  });

  it('drops templates left behind by a run killed long ago, not recent ones', async () => {
    const longAgo = Date.now() - 13 * 3_600_000;
    const abandoned = await preparePostgresTemplate(url!, longAgo);
    const recent = await preparePostgresTemplate(url!);
    try {
      expect(await databaseExists(nameOf(abandoned.url))).toBe(false);
      expect(await databaseExists(nameOf(recent.url))).toBe(true);
    } finally {
      await abandoned.drop();
      await recent.drop();
    }
  });
});
