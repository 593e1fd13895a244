import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { selectAuditEntries } from '../../src/store/audit.ts';
import { createTestCatalogue } from '../support/catalogue.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

describe.each(testDatabases())('stored value API on $name', (database) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let cashier: string;
  let supervisor: string;
  let numbers: string[];
  let keys = 0;

  beforeAll(async () => {
    handle = await database.open();
    t = await buildTestApp(handle);
    await createTestCatalogue(handle.db);
    cashier = await t.cookieFor('cashier');
    supervisor = await t.cookieFor('supervisor');
    const range = await t.app.inject({
      method: 'POST',
      url: '/api/v1/gift-cards/ranges',
      headers: { cookie: supervisor },
      payload: { prefix: '66', first: 1, count: 5, currency: 'GBP', label: 'Christmas' },
    });
    expect(range.statusCode).toBe(201);
    const cards = await t.app.inject({
      url: '/api/v1/gift-cards?number=66',
      headers: { cookie: supervisor },
    });
    numbers = cards.json().cards.map((card: { number: string }) => card.number);
    expect(numbers).toHaveLength(5);
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  const post = (
    url: string,
    payload: object,
    cookie = cashier,
    key: string | null = `k${keys++}`,
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: { cookie, ...(key ? { 'idempotency-key': key } : {}) },
      payload,
    });

  it('reports an import line by line in the contract’s shape: imported, skipped, rejected', async () => {
    const csv = [
      'number,balance,currency',
      '7700000000001,25.00,GBP',
      '7700000000001,25.00,GBP',
      '7700000000002,twelve,GBP',
    ].join('\n');
    const imported = await post('/gift-cards/import', { csv }, supervisor, null);
    expect(imported.statusCode).toBe(200);
    const report = imported.json();
    expect(report).toMatchObject({ imported: 1, skipped: 1, rejected: 1 });
    expect(report.lines).toEqual([
      { line: 2, status: 'imported', number: '7700000000001', balance: 2500 },
      { line: 3, status: 'skipped', number: '7700000000001', reason: 'already imported' },
      {
        line: 4,
        status: 'rejected',
        code: 'validation_failed',
        field: 'balance',
        reason: expect.any(String),
        problems: [{ code: 'validation_failed', field: 'balance', reason: expect.any(String) }],
      },
    ]);
  });

  it('sells a card and pays with it plus cash, all over HTTP', async () => {
    const sold = await post('/sales', {
      lines: [{ kind: 'gift_card', number: numbers[0], amount: 3000 }],
      tenders: [{ kind: 'cash', received: 3000 }],
    });
    expect(sold.statusCode).toBe(201);
    expect(sold.json().giftCardDeliveries).toEqual([]);
    const paid = await post('/sales', {
      lines: [{ product: 'JEAN-32', quantity: 1 }],
      tenders: [
        { kind: 'gift_card', number: numbers[0] },
        { kind: 'cash', received: 5000 },
      ],
    });
    expect(paid.statusCode).toBe(201);
    expect(paid.json().sale.tenders).toMatchObject([
      { kind: 'gift_card', amount: 3000 },
      { kind: 'cash', amount: 5000 },
    ]);
  });

  it.each([
    [
      'an unknown card',
      { kind: 'gift_card', number: '661234567890' },
      400,
      'invalid_gift_card_number',
    ],
    ['a card never sold', { kind: 'gift_card', number: 'NUMBER4' }, 409, 'gift_card_not_active'],
    [
      'a negative amount',
      { kind: 'gift_card', number: 'NUMBER0', amount: -5 },
      400,
      'validation_failed',
    ],
    [
      'a fraction of a penny',
      { kind: 'gift_card', number: 'NUMBER0', amount: 10.5 },
      400,
      'validation_failed',
    ],
  ])('answers %s with problem+json', async (_name, tender, status, code) => {
    const resolved = JSON.parse(
      JSON.stringify(tender).replace(/NUMBER(\d)/, (_m, i: string) => numbers[Number(i)]!),
    );
    const response = await post('/sales', {
      lines: [{ product: 'SOCK-3', quantity: 1 }],
      tenders: [resolved],
    });
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().code).toBe(code);
  });

  it('checks a balance at the till, logs it, and stops a guesser', async () => {
    const checked = await post('/gift-cards/balance', { number: numbers[0] }, cashier, null);
    expect(checked.json()).toMatchObject({ balance: 0, state: 'ACTIVE', currency: 'GBP' });
    expect(checked.json().number).toBe(`•••• ${numbers[0]!.slice(-4)}`);
    const audit = await selectAuditEntries(handle.db, {
      action: 'giftcard.balance_checked',
      offset: 0,
      limit: 5,
    });
    expect(audit.rows.length).toBeGreaterThan(0);
    let last = 0;
    for (let attempt = 0; attempt < 25; attempt += 1) {
      last = (await post('/gift-cards/balance', { number: numbers[1] }, cashier, null)).statusCode;
    }
    expect(last).toBe(429);
  });

  it('keeps adjustments and voids to supervisors, with reasons', async () => {
    const byCashier = await post(`/gift-cards/${numbers[0]}/actions`, {
      action: 'adjust',
      amount: 500,
      reason: 'goodwill',
    });
    expect(byCashier.statusCode).toBe(403);
    const noReason = await post(
      `/gift-cards/${numbers[0]}/actions`,
      { action: 'adjust', amount: 500, reason: '' },
      supervisor,
    );
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().field).toBe('reason');
    const adjusted = await post(
      `/gift-cards/${numbers[0]}/actions`,
      { action: 'adjust', amount: 500, reason: 'goodwill' },
      supervisor,
    );
    expect(adjusted.statusCode).toBe(200);
    expect(adjusted.json().card.balance).toBe(500);
    const log = await t.app.inject({
      url: `/api/v1/gift-cards/${numbers[0]}`,
      headers: { cookie: supervisor },
    });
    expect(log.json().activity.map((entry: { kind: string }) => entry.kind)).toEqual([
      'ACTIVATE',
      'REDEEM',
      'ADJUST_INCREMENT',
    ]);
    const sale = await post('/sales', {
      lines: [{ product: 'SOCK-3', quantity: 1 }],
      tenders: [{ kind: 'cash', received: 1000 }],
    });
    const voidByCashier = await post(`/sales/${sale.json().sale.id}/void`, { reason: 'mistake' });
    expect(voidByCashier.statusCode).toBe(403);
    expect(voidByCashier.json().code).toBe('approval_required');
    const voided = await post(`/sales/${sale.json().sale.id}/void`, {
      reason: 'mistake',
      approval: { username: 'supervisor1', pin: '2580' },
    });
    expect(voided.statusCode).toBe(201);
    const original = await t.app.inject({
      url: `/api/v1/sales/${sale.json().sale.id}`,
      headers: { cookie: cashier },
    });
    expect(original.json().sale.voidedAt).not.toBeNull();
  });

  it('adjusts and shows store credit, and refunds a return to it', async () => {
    const created = await post('/customers', { name: 'Credit Holder' }, cashier, null);
    const customerId = created.json().customer.id;
    const refused = await post(`/customers/${customerId}/store-credit/adjustments`, {
      currency: 'GBP',
      amount: 1000,
      reason: 'goodwill',
    });
    expect(refused.statusCode).toBe(403);
    const sale = await post('/sales', {
      customer: { id: customerId },
      lines: [{ product: 'SOCK-3', quantity: 1 }],
      tenders: [{ kind: 'card', amount: 1000, reference: 'AUTH 3' }],
    });
    const returned = await post('/returns', {
      lines: [{ saleLineId: sale.json().sale.lines[0].id, quantity: 1 }],
      withReceipt: true,
      reason: 'faulty',
      refundTo: 'store_credit',
    });
    expect(returned.statusCode).toBe(201);
    const credit = await t.app.inject({
      url: `/api/v1/customers/${customerId}/store-credit`,
      headers: { cookie: cashier },
    });
    expect(credit.json().accounts).toEqual([
      { currency: 'GBP', balance: 1000, spendable: 1000, expiring: [] },
    ]);
    expect(credit.json().entries[0]).toMatchObject({ kind: 'REFUND', amount: 1000 });
  });

  it('exports the liability report as CSV for supervisors only', async () => {
    const denied = await t.app.inject({
      url: '/api/v1/reports/stored-value.csv',
      headers: { cookie: cashier },
    });
    expect(denied.statusCode).toBe(403);
    const csv = await t.app.inject({
      url: '/api/v1/reports/stored-value.csv',
      headers: { cookie: supervisor },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('gift_card_outstanding_by_outlet,TST,GBP,1,500');
  });
});
