import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockDataDirectory } from '../../src/store/data-dir-lock.ts';
import { packageVersion as version } from '../../src/project-files.ts';
import type { TestShop } from '../support/deps.ts';
import {
  seedTestShop,
  send,
  sendSlowly,
  servedDatabases,
  signIn,
  spawnServer,
  type Outcome,
  type ServedDatabase,
  type ServerProcess,
} from './server-process.ts';

/** The exit, or a failure naming how long it took once `ms` have passed. */
async function exitWithin(server: ServerProcess, ms: number) {
  const started = Date.now();
  const timeout = sleep(ms).then(() => null);
  const exit = await Promise.race([server.exited, timeout]);
  if (!exit) {
    server.child.kill('SIGKILL');
    throw new Error(`the server was still running ${ms} ms after the signal`);
  }
  return { ...exit, ms: Date.now() - started };
}

const stopLine = (server: ServerProcess) =>
  server.lines.find((line) => line.msg === 'Clientele stopped');

describe.each(servedDatabases())('shutdown on $name', { timeout: 90_000 }, ({ name, prepare }) => {
  let database: ServedDatabase;
  let shop: TestShop;

  beforeAll(async () => {
    database = await prepare();
    shop = await seedTestShop(database);
  });
  afterAll(async () => database?.remove());

  const saleRequest = (url: string, cookie: string, key: string, agent?: http.Agent) => ({
    url: `${url}/api/v1/sales`,
    method: 'POST',
    headers: { cookie, 'idempotency-key': key },
    body: JSON.stringify({
      lines: [{ product: 'TEE-M-BLK', quantity: 1 }],
      tenders: [{ kind: 'cash', received: 2500 }],
    }),
    ...(agent ? { agent } : {}),
  });

  it('answers every request it accepted, drops idle keep-alive connections, exits 0 in time and frees the data at once', async () => {
    const server = spawnServer({ ...database.env, CLIENTELE_SHUTDOWN_SECONDS: '8' });
    try {
      const url = await server.url();
      const cookie = await signIn(url, shop);
      // Connections a till keeps open between sales: idle when the signal comes.
      const idle = new http.Agent({ keepAlive: true });
      const warm = await Promise.all(
        [1, 2, 3].map((i) => send(saleRequest(url, cookie, `${name}-warm-${i}`, idle))),
      );
      expect(warm.map((o) => o.kind === 'answered' && o.status)).toEqual([201, 201, 201]);
      // Serving: ready, and its metrics name the version, the database and its pool.
      const ready = await send({ url: `${url}/ready` });
      expect(ready.kind === 'answered' && ready.status).toBe(200);
      const scraped = await send({ url: `${url}/metrics` });
      const text = scraped.kind === 'answered' ? scraped.body : '';
      expect(text).toContain(`clientele_info{version="${version}",database="${name}"} 1`);
      expect(text).toMatch(/^clientele_db_pool_connections\{state="idle"\} \d+$/m);
      expect(text).toContain('clientele_sales_total{source="till"} 3');

      const busy = new http.Agent({ keepAlive: true, maxSockets: 64 });
      // Requests whose bodies are still arriving when the signal comes: in flight.
      const slow = [1, 2].map((i) => sendSlowly(saleRequest(url, cookie, `${name}-slow-${i}`)));
      const burst = Array.from({ length: 24 }, (_, i) =>
        send(saleRequest(url, cookie, `${name}-burst-${i}`, busy)),
      );
      await Promise.race(burst);
      server.child.kill('SIGTERM');
      const exit = exitWithin(server, 8_000);
      await sleep(300);
      const late = [1, 2].map((i) => send(saleRequest(url, cookie, `${name}-late-${i}`)));
      const slowAnswers = await Promise.all(slow.map((request) => request.finish()));
      const outcomes: Outcome[] = [...slowAnswers, ...(await Promise.all(burst))];
      const lateAnswers = await Promise.all(late);

      expect(outcomes.filter((o) => o.kind !== 'answered')).toEqual([]);
      expect(slowAnswers.map((o) => o.kind === 'answered' && o.status)).toEqual([201, 201]);
      for (const o of outcomes) expect([201, 503]).toContain(o.kind === 'answered' && o.status);
      // After the signal: a complete 503, or no connection at all; never a cut one.
      for (const o of lateAnswers) {
        const refusedOr503 = o.kind === 'refused' || (o.kind === 'answered' && o.status === 503);
        expect(refusedOr503, JSON.stringify(o)).toBe(true);
      }

      const { code, signal, ms } = await exit;
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      expect(ms).toBeLessThan(8_000);
      // One line when it started and one when it stopped, each naming version and database.
      const expectedDatabase =
        name === 'pglite' ? { kind: 'pglite', dataDir: database.dataDir } : { kind: 'postgres' };
      const started = server.lines.filter((line) => line.msg === 'Clientele starting');
      expect(started).toEqual([
        expect.objectContaining({ version, database: expect.objectContaining(expectedDatabase) }),
      ]);
      expect(stopLine(server)).toMatchObject({
        version,
        database: expectedDatabase,
        reason: 'SIGTERM',
        phase: 'serving',
        exitCode: 0,
        ms: expect.any(Number),
      });

      // The data is free at once, and every acknowledged sale is in it.
      const acknowledged = [...warm, ...outcomes].flatMap((o) =>
        o.kind === 'answered' && o.status === 201
          ? [(JSON.parse(o.body) as { sale: { id: string } }).sale.id]
          : [],
      );
      const reopened = await database.open();
      try {
        const found = await reopened.db
          .selectFrom('sales')
          .select('id')
          .where('id', 'in', acknowledged)
          .execute();
        expect(found.map((row) => row.id).sort()).toEqual([...acknowledged].sort());
      } finally {
        await reopened.close();
      }
      idle.destroy();
      busy.destroy();
    } finally {
      server.child.kill('SIGKILL');
    }
  });

  it.runIf(name === 'pglite')(
    'forces the exit with a non-zero code and says so when the deadline passes or a second signal comes',
    async () => {
      for (const force of ['deadline', 'second signal'] as const) {
        const server = spawnServer({ ...database.env, CLIENTELE_SHUTDOWN_SECONDS: '2' });
        try {
          const url = await server.url();
          const cookie = await signIn(url, shop);
          // A request whose body never finishes: it would hold the shutdown forever.
          const stuck = sendSlowly(saleRequest(url, cookie, `stuck-${force}`));
          await sleep(200);
          server.child.kill('SIGTERM');
          if (force === 'second signal') {
            await sleep(300);
            server.child.kill('SIGTERM');
          }
          const { code, ms } = await exitWithin(server, 6_000);
          expect(code, force).toBe(1);
          expect(ms, force).toBeLessThan(force === 'deadline' ? 5_000 : 1_500);
          expect(stopLine(server), force).toMatchObject({
            reason: force === 'deadline' ? 'deadline' : 'second SIGTERM',
            exitCode: 1,
            forced: true,
          });
          void stuck.finish();
        } finally {
          server.child.kill('SIGKILL');
        }
        // The lock went with the process.
        lockDataDirectory(database.dataDir)();
      }
    },
  );

  it.runIf(name === 'pglite')(
    'stops cleanly when signalled while it is still starting, and leaves the data free',
    async () => {
      const server = spawnServer(database.env);
      try {
        await server.waitForLine((line) => line.msg === 'Clientele starting');
        server.child.kill('SIGTERM');
        const { code } = await exitWithin(server, 10_000);
        expect(code, server.stderr()).toBe(0);
        expect(stopLine(server)).toMatchObject({ reason: 'SIGTERM', phase: 'starting' });
        expect(server.lines.some((line) => typeof line.url === 'string')).toBe(false);
      } finally {
        server.child.kill('SIGKILL');
      }
      lockDataDirectory(database.dataDir)();
    },
  );
});
