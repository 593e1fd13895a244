import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestFault } from '../../src/config.ts';
import { giftCardRange } from '../../src/domain/gift-cards.ts';
import { generateGiftCards } from '../../src/services/stored-value/gift-cards.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { selectGiftCardLedgerMismatches } from '../../src/store/gift-cards.ts';
import { selectStoreCreditMismatches } from '../../src/store/store-credit.ts';
import { createTestCatalogue } from '../support/catalogue.ts';
import { createTestShop, serviceDeps, type TestShop } from '../support/deps.ts';
import { sellCard, cardBalance } from '../support/stored-value.ts';
import {
  send,
  servedDatabases,
  signIn,
  spawnServer,
  type Outcome,
  type ServedDatabase,
  type ServerProcess,
} from '../ops/server-process.ts';

/**
 * The real server, killed with SIGKILL in the middle of a sale (CLIENTELE_TEST_FAULT,
 * see src/config.ts), then started again: the till's retry with the same key must get
 * the sale that committed, or make the sale that did not, exactly once.
 */

type Served = { server: ServerProcess; url: string; cookie: string };

async function serve(
  database: ServedDatabase,
  shop: TestShop,
  fault: TestFault | null,
): Promise<Served> {
  const server = spawnServer({ ...database.env, CLIENTELE_TEST_FAULT: fault ?? '' });
  const url = await server.url();
  return { server, url, cookie: await signIn(url, shop) };
}

const saleOf = (card: string) => ({
  lines: [{ product: 'TEE-M-BLK', quantity: 1 }],
  tenders: [
    { kind: 'gift_card', number: card, amount: 1000 },
    { kind: 'cash', received: 1500 },
  ],
});

function postSale(served: Served, key: string, card: string): Promise<Outcome> {
  return send({
    url: `${served.url}/api/v1/sales`,
    method: 'POST',
    headers: { cookie: served.cookie, 'idempotency-key': key },
    body: JSON.stringify(saleOf(card)),
  });
}

/** What the till does: the same key again, after Retry-After while the first is running. */
async function retrySale(served: Served, key: string, card: string) {
  let waits = 0;
  for (;;) {
    const outcome = await postSale(served, key, card);
    if (outcome.kind !== 'answered') throw new Error(`no answer: ${JSON.stringify(outcome)}`);
    const busy = outcome.status === 409 && outcome.body.includes('request_in_progress');
    if (!busy || waits >= 30) return { ...outcome, waits };
    waits += 1;
    await sleep(Number(outcome.headers['retry-after'] ?? 1) * 1000);
  }
}

async function killedBy(served: Served, key: string, card: string) {
  const outcome = await postSale(served, key, card);
  const exit = await served.server.exited;
  return { outcome, exit };
}

async function stop(served: Served): Promise<void> {
  served.server.child.kill('SIGTERM');
  const exit = await Promise.race([served.server.exited, sleep(20_000).then(() => null)]);
  if (!exit) {
    served.server.child.kill('SIGKILL');
    await served.server.exited;
  }
}

async function salesWithKey(handle: DatabaseHandle, key: string) {
  return handle.db
    .selectFrom('sales')
    .select(['id', 'number'])
    .where('idempotency_key', 'like', `%:${key}`)
    .execute();
}

describe.each(servedDatabases())('a sale killed mid-way on $name', { timeout: 180_000 }, (db) => {
  let database: ServedDatabase;
  let shop: TestShop;
  let card: string;
  const running: Served[] = [];

  beforeAll(async () => {
    database = await db.prepare();
    const handle = await database.open();
    try {
      const deps = serviceDeps(handle);
      shop = await createTestShop(deps);
      await createTestCatalogue(handle.db);
      await generateGiftCards({
        deps,
        actor: shop.actors.admin,
        input: {
          prefix: '77',
          first: 1,
          count: 1,
          currency: 'GBP',
          label: 'crash test',
        },
      });
      const numbers = giftCardRange('77', 1, 1);
      if (!numbers.ok) throw new Error(numbers.message);
      card = numbers.value[0]!;
      await sellCard(deps, shop.actors.cashier, card, 5000);
    } finally {
      await handle.close();
    }
  }, 120_000);
  afterAll(async () => {
    for (const served of running) if (served.server.child.exitCode === null) await stop(served);
    await database?.remove();
  });

  it('answers the retry with the sale that committed, and makes the one that did not, once', async () => {
    // (a) killed after the sale committed, before its answer was recorded or sent.
    const first = await serve(database, shop, 'crash-before-answer');
    running.push(first);
    const a = await killedBy(first, 'till-1-crash-a', card);
    expect(a.outcome.kind).toBe('cut');
    expect(a.exit.signal).toBe('SIGKILL');

    // (b) killed after the key was claimed, before the sale ran.
    const second = await serve(database, shop, 'crash-after-claim');
    running.push(second);
    const b = await killedBy(second, 'till-1-crash-b', card);
    expect(b.outcome.kind).toBe('cut');
    expect(b.exit.signal).toBe('SIGKILL');

    const third = await serve(database, shop, null);
    running.push(third);
    const retryA = await retrySale(third, 'till-1-crash-a', card);
    expect(retryA.status, retryA.body).toBe(201);
    const retryB = await retrySale(third, 'till-1-crash-b', card);
    expect(retryB.status, retryB.body).toBe(201);
    if (db.name === 'pglite') {
      // One process owns the data directory: a claim from before the restart is dead at once.
      expect(retryA.waits + retryB.waits).toBe(0);
    }
    const again = await postSale(third, 'till-1-crash-a', card);
    expect(again.kind === 'answered' && again.headers['idempotent-replayed']).toBe('true');
    expect(again.kind === 'answered' && JSON.parse(again.body)).toEqual(JSON.parse(retryA.body));
    await stop(third);

    const handle = await database.open();
    try {
      const [saleA, ...moreA] = await salesWithKey(handle, 'till-1-crash-a');
      const [saleB, ...moreB] = await salesWithKey(handle, 'till-1-crash-b');
      expect(moreA).toEqual([]);
      expect(moreB).toEqual([]);
      expect(JSON.parse(retryA.body).sale).toMatchObject({ id: saleA!.id, number: saleA!.number });
      expect(JSON.parse(retryB.body).sale).toMatchObject({ id: saleB!.id, number: saleB!.number });
      // 5000 loaded, 1000 paid by each of the two sales: not three, not one.
      expect(await cardBalance(serviceDeps(handle), card)).toBe(3000);
      expect(await selectGiftCardLedgerMismatches(handle.db)).toEqual([]);
      expect(await selectStoreCreditMismatches(handle.db)).toEqual([]);
    } finally {
      await handle.close();
    }
  });
});
