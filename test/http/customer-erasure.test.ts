import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCardNumber } from '../../src/domain/customer-number.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { createTestCatalogue } from '../support/catalogue.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

type Role = 'cashier' | 'supervisor' | 'marketer' | 'admin' | 'auditor';

describe.each(testDatabases())('erasing a customer over HTTP on $name', (database) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let cookies: Record<Role, string>;
  let customer: { id: string; number: string };
  const card = makeCardNumber(8101);

  const ok = async (response: Promise<{ statusCode: number; body: string }>) => {
    const answer = await response;
    if (answer.statusCode >= 300) throw new Error(`${answer.statusCode}: ${answer.body}`);
    return JSON.parse(answer.body);
  };
  const erase = (cookie: string, body: object, id = customer.id) =>
    t.call('POST', `/customers/${id}/erase`, cookie, body);
  const profile = async () =>
    (await ok(t.call('GET', `/customers/${customer.id}`, cookies.admin))).customer;

  beforeAll(async () => {
    handle = await database.open();
    t = await buildTestApp(handle);
    await createTestCatalogue(handle.db);
    cookies = {
      cashier: await t.cookieFor('cashier'),
      supervisor: await t.cookieFor('supervisor'),
      marketer: await t.cookieFor('marketer'),
      admin: await t.cookieFor('admin'),
      auditor: await t.cookieFor('auditor'),
    };
    customer = (
      await ok(
        t.call('POST', '/customers', cookies.cashier, {
          name: 'Olwen Owing',
          email: 'olwen@example.org',
          notes: 'asks for the window seat',
        }),
      )
    ).customer;
    await ok(
      t.call('POST', `/customers/${customer.id}/cards`, cookies.cashier, { cardNumber: card }),
    );
    await ok(
      t.call('POST', '/sales', cookies.cashier, {
        customer: { id: customer.id },
        lines: [{ product: 'TEE-M-BLK', quantity: 1 }],
        tenders: [{ kind: 'cash', received: 5000 }],
      }),
    );
    await ok(
      t.call('POST', `/customers/${customer.id}/store-credit/adjustments`, cookies.supervisor, {
        currency: 'GBP',
        amount: 800,
        reason: 'goodwill',
      }),
    );
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('is refused to every role but admin, changing nothing', async () => {
    for (const role of ['cashier', 'supervisor', 'marketer', 'auditor'] as const) {
      const refused = await erase(cookies[role], { reason: 'asked', storeCredit: 'forfeited' });
      expect(refused.statusCode, role).toBe(403);
      expect(refused.json().code).toBe('forbidden');
    }
    expect(await profile()).toMatchObject({ status: 'active', name: 'Olwen Owing' });
  });

  it('refuses bad bodies with the field named', async () => {
    const noReason = await erase(cookies.admin, { storeCredit: 'forfeited' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({ code: 'validation_failed' });
    const badChoice = await erase(cookies.admin, { reason: 'asked', storeCredit: 'kept' });
    expect(badChoice.statusCode).toBe(400);
    expect(badChoice.json().field).toMatch(/storeCredit/);
    const cardInReason = await erase(cookies.admin, {
      reason: 'card 4111 1111 1111 1111',
      storeCredit: 'forfeited',
    });
    expect(cardInReason.statusCode).toBe(400);
    const unknown = await erase(
      cookies.admin,
      { reason: 'asked' },
      '00000000-0000-4000-8000-000000000000',
    );
    expect(unknown.statusCode).toBe(404);
  });

  it('says what is owed until the admin chooses, then erases', async () => {
    const owed = await erase(cookies.admin, { reason: 'customer asked by email' });
    expect(owed.statusCode).toBe(409);
    expect(owed.json()).toMatchObject({
      code: 'money_owed',
      owed: { storeCredit: [{ currency: 'GBP', amount: 800 }], points: 0 },
    });
    expect(owed.json().detail).toContain('8.00 GBP');
    expect(await profile()).toMatchObject({ status: 'active', name: 'Olwen Owing' });

    const erased = await erase(cookies.admin, {
      reason: 'customer asked by email',
      storeCredit: 'paid_out',
    });
    expect(erased.statusCode, erased.body).toBe(200);
    expect(erased.json()).toMatchObject({
      number: customer.number,
      storeCredit: [{ currency: 'GBP', amount: 800, outcome: 'paid_out' }],
      cardsRetired: 1,
      suppressed: { email: true, sms: false },
    });
    expect(await profile()).toMatchObject({
      status: 'erased',
      name: 'Erased customer',
      notes: null,
    });
  });

  it('answers look-ups and every later request about them with "erased", never a 500', async () => {
    const byNumber = await ok(
      t.call('GET', `/customers/search?q=${customer.number}`, cookies.cashier),
    );
    expect(byNumber).toEqual({ results: [], erased: true });
    const byCard = await ok(t.call('GET', `/customers/search?q=${card}`, cookies.cashier));
    expect(byCard).toEqual({ results: [], erased: true });
    const byName = await ok(t.call('GET', '/customers/search?q=olwen', cookies.cashier));
    expect(byName).toEqual({ results: [], erased: false });
    const sale = await t.call('POST', '/sales', cookies.cashier, {
      customer: { card },
      lines: [{ product: 'TEE-M-BLK', quantity: 1 }],
      tenders: [{ kind: 'cash', received: 5000 }],
    });
    expect(sale.statusCode).toBe(409);
    expect(sale.json().code).toBe('customer_erased');
    const again = await erase(cookies.admin, { reason: 'asked twice', storeCredit: 'paid_out' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('customer_erased');
    const exported = await t.call('POST', `/customers/${customer.id}/export`, cookies.admin, {
      reason: 'asked for a copy',
    });
    expect(exported.statusCode).toBe(409);
    expect(exported.json().code).toBe('customer_erased');
    const edited = await t.call('PATCH', `/customers/${customer.id}`, cookies.admin, {
      notes: 'x',
    });
    expect(edited.statusCode).toBeLessThan(500);
    expect(edited.statusCode).toBeGreaterThanOrEqual(400);
  });
});
