import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { selectGiftCardLedgerMismatches } from '../../src/store/gift-cards.ts';
import { selectLoyaltyMismatches } from '../../src/store/loyalty.ts';
import { selectStoreCreditMismatches } from '../../src/store/store-credit.ts';
import { createTestCatalogue } from '../support/catalogue.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

type Call = { url: string; payload: object; headers: Record<string, string> };

/**
 * Every money-moving route, run once, then its stored answer lost as when the server dies
 * after the work committed and before the answer was recorded: the retry takes the dead
 * claim over and runs the handler again, which must find the committed work and answer
 * exactly as the first time, doing nothing twice.
 */
describe.each(testDatabases())('a rerun after a lost answer on $name', (database) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let cookie: Record<'cashier' | 'supervisor' | 'admin' | 'marketer', string>;
  let bearer: string;
  let cards: string[];
  let customerId: string;
  let keys = 0;

  const post = (url: string, cookieOrHeaders: string | Record<string, string>, payload: object) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: {
        'idempotency-key': `setup-${keys++}`,
        ...(typeof cookieOrHeaders === 'string' ? { cookie: cookieOrHeaders } : cookieOrHeaders),
      },
      payload,
    });
  const sell = async (payload: object) => {
    const sold = await post('/sales', cookie.cashier, payload);
    expect(sold.statusCode, sold.body).toBe(201);
    return sold.json().sale as { id: string; lines: { id: string }[] };
  };

  beforeAll(async () => {
    handle = await database.open();
    t = await buildTestApp(handle);
    await createTestCatalogue(handle.db);
    cookie = {
      cashier: await t.cookieFor('cashier'),
      supervisor: await t.cookieFor('supervisor'),
      admin: await t.cookieFor('admin'),
      marketer: await t.cookieFor('marketer'),
    };
    const apiKey = await post('/api-keys', cookie.admin, { name: 'old POS', role: 'cashier' });
    bearer = `Bearer ${apiKey.json().secret}`;
    await post('/gift-cards/ranges', cookie.supervisor, {
      prefix: '68',
      first: 1,
      count: 3,
      currency: 'GBP',
      label: 'rerun',
    });
    const listed = await t.app.inject({
      url: '/api/v1/gift-cards?number=68',
      headers: { cookie: cookie.supervisor },
    });
    cards = listed.json().cards.map((card: { number: string }) => card.number);
    for (const number of cards) {
      await sell({
        lines: [{ kind: 'gift_card', number, amount: 5000 }],
        tenders: [{ kind: 'cash', received: 5000 }],
      });
    }
    const rules = await t.call('PATCH', '/loyalty/rules', cookie.marketer, {
      enabled: true,
      spendPerPoint: 1000,
    });
    expect(rules.statusCode).toBe(200);
    customerId = (await post('/customers', cookie.cashier, { name: 'Rerun Customer' })).json()
      .customer.id;
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  /** What a server that died between commit and answer leaves: a claim nobody holds. */
  const loseAnswer = (key: string) =>
    handle.db
      .updateTable('idempotency_keys')
      .set({
        response_status: null,
        response_body: null,
        response_type: null,
        completed_at: null,
        claim_id: randomUUID(),
        lease_until: null,
      })
      .where('key', '=', key)
      .execute();

  const rowCounts = async () => {
    const counted = await sql<{ name: string; n: number }>`
      SELECT 'sales' AS name, count(*)::int AS n FROM sales
      UNION ALL SELECT 'gift_card_activities', count(*)::int FROM gift_card_activities
      UNION ALL SELECT 'store_credit_entries', count(*)::int FROM store_credit_entries
      UNION ALL SELECT 'loyalty_events', count(*)::int FROM loyalty_events
    `.execute(handle.db);
    return Object.fromEntries(counted.rows.map((row) => [row.name, Number(row.n)]));
  };

  const cases: [string, () => Promise<Call>][] = [
    [
      'a sale paid partly by gift card',
      async () => ({
        url: '/sales',
        headers: { cookie: cookie.cashier },
        payload: {
          customer: { id: customerId },
          lines: [{ product: 'TEE-M-BLK', quantity: 1 }],
          tenders: [
            { kind: 'gift_card', number: cards[0], amount: 1000 },
            { kind: 'cash', received: 1500 },
          ],
        },
      }),
    ],
    [
      "an integration's sale",
      async () => ({
        url: '/integrations/sales',
        headers: { authorization: bearer },
        payload: {
          outletId: t.shop.outletId,
          lines: [{ product: 'SOCK-3', quantity: 1 }],
          tenders: [{ kind: 'card', amount: 1000, reference: 'POS-1' }],
          externalRef: 'R-1',
        },
      }),
    ],
    [
      'a return to store credit',
      async () => {
        const sale = await sell({
          customer: { id: customerId },
          lines: [{ product: 'SOCK-3', quantity: 1 }],
          tenders: [{ kind: 'card', amount: 1000, reference: 'AUTH 1' }],
        });
        return {
          url: '/returns',
          headers: { cookie: cookie.cashier },
          payload: {
            lines: [{ saleLineId: sale.lines[0]!.id, quantity: 1 }],
            withReceipt: true,
            reason: 'faulty',
            refundTo: 'store_credit',
          },
        };
      },
    ],
    [
      'an exchange',
      async () => {
        const sale = await sell({
          lines: [{ product: 'TEE-M-BLK', quantity: 1 }],
          tenders: [{ kind: 'cash', received: 2500 }],
        });
        return {
          url: '/exchanges',
          headers: { cookie: cookie.cashier },
          payload: {
            return: {
              lines: [{ saleLineId: sale.lines[0]!.id, quantity: 1 }],
              withReceipt: true,
              reason: 'wrong size',
            },
            sale: { lines: [{ product: 'SOCK-3', quantity: 1 }], tenders: [] },
          },
        };
      },
    ],
    [
      'a void of a sale paid by gift card',
      async () => {
        const sale = await sell({
          lines: [{ product: 'SOCK-3', quantity: 1 }],
          tenders: [{ kind: 'gift_card', number: cards[1], amount: 1000 }],
        });
        return {
          url: `/sales/${sale.id}/void`,
          headers: { cookie: cookie.supervisor },
          payload: { reason: 'rang up twice' },
        };
      },
    ],
    [
      'a gift card adjustment',
      async () => ({
        url: `/gift-cards/${cards[2]}/actions`,
        headers: { cookie: cookie.supervisor },
        payload: { action: 'adjust', amount: 300, reason: 'goodwill' },
      }),
    ],
    [
      "an integration's gift card redemption",
      async () => ({
        url: '/integrations/gift-cards/redeem',
        headers: { authorization: bearer },
        payload: { number: cards[2], amount: 700 },
      }),
    ],
    [
      'a store credit adjustment',
      async () => ({
        url: `/customers/${customerId}/store-credit/adjustments`,
        headers: { cookie: cookie.supervisor },
        payload: { currency: 'GBP', amount: 1200, reason: 'goodwill' },
      }),
    ],
    [
      'bonus points',
      async () => ({
        url: `/customers/${customerId}/loyalty/adjustments`,
        headers: { cookie: cookie.supervisor },
        payload: { points: 15, reasonCode: 'goodwill', reason: 'birthday week' },
      }),
    ],
  ];

  it.each(cases)('%s answers the same and happens once', async (_name, prepare) => {
    const call = await prepare();
    const key = `rerun-${keys++}`;
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1${call.url}`,
        headers: { ...call.headers, 'idempotency-key': key },
        payload: call.payload,
      });
    const first = await send();
    expect(first.statusCode, first.body).toBeLessThan(300);
    const done = await rowCounts();
    await loseAnswer(key);

    const rerun = await send();
    expect(rerun.headers['idempotent-replayed']).toBeUndefined();
    expect(rerun.statusCode, rerun.body).toBe(first.statusCode);
    expect(rerun.json()).toEqual(first.json());
    expect(await rowCounts()).toEqual(done);
    // The rerun's answer is kept in turn: the next retry is a plain replay.
    const replay = await send();
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toBe(rerun.body);
  });

  it('leaves every ledger balanced', async () => {
    expect(await selectGiftCardLedgerMismatches(handle.db)).toEqual([]);
    expect(await selectStoreCreditMismatches(handle.db)).toEqual([]);
    expect(await selectLoyaltyMismatches(handle.db)).toEqual([]);
  });
});
