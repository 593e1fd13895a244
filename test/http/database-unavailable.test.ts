import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { postgresOnly } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

const postgres = postgresOnly({ poolSize: 4 });

/**
 * PostgreSQL ends connections (an administrator, a restart, a failover): the requests
 * that were using them answer 503 with Retry-After, the process stays up, and the next
 * requests are served on new connections.
 */
describe.runIf(postgres)('PostgreSQL connections terminated under requests', () => {
  let handle: DatabaseHandle;
  let test: TestApp;
  let admin: pg.Client;
  let locker: pg.Client;
  let lockerPid: number;
  let cookie: string;
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);

  beforeAll(async () => {
    handle = await postgres!.open();
    test = await buildTestApp(handle);
    cookie = await test.cookieFor('cashier');
    const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(
      handle.db,
    );
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${rows[0]!.name}`;
    // Two connections: one holds a lock in a transaction; the other watches
    // pg_stat_activity, which a transaction would see frozen at its first look.
    admin = new pg.Client({ connectionString: url.toString() });
    locker = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    await locker.connect();
    lockerPid = (await locker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!
      .pid;
    process.on('uncaughtException', onUncaught);
  });
  afterAll(async () => {
    process.off('uncaughtException', onUncaught);
    await admin?.end();
    await locker?.end();
    await test?.app.close();
    await handle?.close();
  });

  const waitingOnLock = async () =>
    (
      await admin.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      )
    ).rows[0]!.n;

  const waitUntil = async (done: () => Promise<boolean>) => {
    for (let tries = 0; !(await done()); tries++) {
      if (tries === 200) throw new Error('the requests never reached PostgreSQL');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it('answers 503 with Retry-After to the requests whose connection ended, then serves again', async () => {
    expect((await test.call('GET', '/customers', cookie)).statusCode).toBe(200);
    // Hold the requests inside PostgreSQL (waiting on a lock), then end their connections.
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE customers IN ACCESS EXCLUSIVE MODE');
    const pending = Array.from({ length: 3 }, () => test.call('GET', '/customers', cookie));
    await waitUntil(async () => (await waitingOnLock()) === 3);
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    await locker.query('ROLLBACK');
    for (const response of await Promise.all(pending)) {
      expect(response.statusCode, response.body).toBe(503);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.headers['retry-after']).toMatch(/^\d+$/);
      expect(response.json()).toMatchObject({ status: 503, code: 'database_unavailable' });
    }
    for (let i = 0; i < 5; i++) {
      expect((await test.call('GET', '/customers', cookie)).statusCode).toBe(200);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(uncaught).toEqual([]);
  });

  it('keeps serving while every connection is terminated again and again under load', async () => {
    let stop = false;
    const statuses: number[] = [];
    const load = Array.from({ length: 4 }, async () => {
      while (!stop) statuses.push((await test.call('GET', '/customers', cookie)).statusCode);
    });
    for (let round = 0; round < 10; round++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND pid NOT IN (pg_backend_pid(), $1)`,
        [lockerPid],
      );
    }
    stop = true;
    await Promise.all(load);
    expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);
    expect((await test.call('GET', '/customers', cookie)).statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(uncaught).toEqual([]);
  });
});
