import { execFileSync, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type DatabaseHandle } from '../../src/store/database.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

/**
 * PostgreSQL itself restarts under a running server (an upgrade, a crash, a failover):
 * requests fail with 503 while it is down, the process stays up, and the same pool
 * serves again once it is back. A private cluster of our own, so the shared server is
 * never stopped; it takes a few seconds (initdb without sync, fsync off).
 */

function postgresBinaries(): string | null {
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
  } catch {
    const root = '/usr/lib/postgresql';
    if (!existsSync(root)) return null;
    const newest = readdirSync(root).sort((a, b) => Number(b) - Number(a))[0];
    return newest ? join(root, newest, 'bin') : null;
  }
}

/** PostgreSQL refuses to run as root: as root the cluster belongs to the postgres user. */
function clusterUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  return uid && gid ? { uid: Number(uid), gid: Number(gid) } : null;
}

const bin = postgresBinaries();
const runnable =
  bin !== null &&
  existsSync(join(bin, 'initdb')) &&
  (process.getuid?.() !== 0 || clusterUser() !== null);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error()),
      );
    });
  });
}

describe.runIf(runnable)('PostgreSQL restarting under the server', { timeout: 60_000 }, () => {
  let root: string;
  let port: number;
  let handle: DatabaseHandle;
  let test: TestApp;
  let cookie: string;
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);

  const asOwner: SpawnSyncOptions = { ...(clusterUser() ?? {}), encoding: 'utf8' };
  const pgCtl = (...args: string[]) => {
    const run = spawnSync(join(bin!, 'pg_ctl'), ['-D', join(root, 'data'), '-w', ...args], asOwner);
    if (run.status !== 0) throw new Error(`pg_ctl ${args.join(' ')}: ${String(run.stderr)}`);
  };
  const start = () =>
    pgCtl(
      '-l',
      join(root, 'log'),
      '-o',
      `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    );

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'clientele-pg-restart-'));
    const owner = clusterUser();
    if (owner) chownSync(root, owner.uid, owner.gid);
    const initdb = spawnSync(
      join(bin!, 'initdb'),
      ['-D', join(root, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync'],
      asOwner,
    );
    if (initdb.status !== 0) throw new Error(`initdb: ${String(initdb.stderr)}`);
    port = await freePort();
    start();
    handle = openPostgres(`postgres://postgres@127.0.0.1:${port}/postgres`, 4);
    await migrateToLatest(handle.db);
    test = await buildTestApp(handle);
    cookie = await test.cookieFor('cashier');
    process.on('uncaughtException', onUncaught);
  });
  afterAll(async () => {
    process.off('uncaughtException', onUncaught);
    await test?.app.close();
    await handle?.close();
    if (root) {
      spawnSync(
        join(bin!, 'pg_ctl'),
        ['-D', join(root, 'data'), '-m', 'immediate', 'stop'],
        asOwner,
      );
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('answers 503 while PostgreSQL is down and serves again once it is back', async () => {
    expect((await test.call('GET', '/customers', cookie)).statusCode).toBe(200);
    pgCtl('-m', 'fast', 'stop');
    for (let i = 0; i < 3; i++) {
      const down = await test.call('GET', '/customers', cookie);
      expect(down.statusCode, down.body).toBe(503);
      expect(down.headers['retry-after']).toMatch(/^\d+$/);
      expect(down.json()).toMatchObject({ code: 'database_unavailable' });
    }
    start();
    for (let i = 0; i < 3; i++) {
      expect((await test.call('GET', '/customers', cookie)).statusCode).toBe(200);
    }
    expect(uncaught).toEqual([]);
  });
});
