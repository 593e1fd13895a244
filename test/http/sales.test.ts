import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { createTestCatalogue } from '../support/catalogue.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

describe.each(testDatabases())('sales API on $name', (database) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let cashier: string;
  let customer: { id: string; number: string };

  beforeAll(async () => {
    handle = await database.open();
    t = await buildTestApp(handle);
    await createTestCatalogue(handle.db);
    cashier = await t.cookieFor('cashier');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { cookie: cashier },
      payload: { name: 'History Holder', phone: '07911 123456' },
    });
    customer = created.json().customer;
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  const sell = (key: string, payload: object, cookie = cashier) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/sales',
      headers: { cookie, 'idempotency-key': key },
      payload,
    });

  it('completes a till sale and finds it by its receipt number', async () => {
    const response = await sell('sale-1', {
      customer: { id: customer.id },
      lines: [{ product: 'TEE-M-BLK', quantity: 2 }],
      tenders: [{ kind: 'cash', received: 5000 }],
    });
    expect(response.statusCode).toBe(201);
    const sale = response.json().sale;
    expect(sale).toMatchObject({
      total: 5000,
      customer: { id: customer.id },
      register: { code: 'TST-1' },
    });
    const found = await t.app.inject({
      url: `/api/v1/sales/by-number/${sale.number}`,
      headers: { cookie: cashier },
    });
    expect(found.json().sale.id).toBe(sale.id);
  });

  it('requires an Idempotency-Key and answers bad sales with problem+json', async () => {
    const noKey = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sales',
      headers: { cookie: cashier },
      payload: {
        lines: [{ product: 'SOCK-3', quantity: 1 }],
        tenders: [{ kind: 'cash', received: 1000 }],
      },
    });
    expect(noKey.json()).toMatchObject({ status: 400, field: 'Idempotency-Key' });
    const cases: [object, number, string, string][] = [
      [
        { lines: [{ product: 'NOPE', quantity: 1 }], tenders: [] },
        400,
        'product_not_found',
        'lines[0].product',
      ],
      [
        { lines: [{ product: 'SOCK-3', quantity: -2 }], tenders: [] },
        400,
        'validation_failed',
        'lines[0].quantity',
      ],
      [
        { lines: [{ product: 'SOCK-3', quantity: 1 }], tenders: [{ kind: 'cash', received: 10 }] },
        400,
        'tenders_short',
        'tenders',
      ],
      [
        {
          lines: [{ product: 'SOCK-3', quantity: 1 }],
          tenders: [{ kind: 'card', amount: 1000, reference: '5500 0000 0000 0004' }],
        },
        400,
        'card_number_refused',
        'tenders[0].reference',
      ],
    ];
    for (const [index, [payload, status, code, field]] of cases.entries()) {
      const response = await sell(`bad-${index}`, payload);
      expect(response.json(), JSON.stringify(payload)).toMatchObject({ status, code, field });
    }
  });

  it('lets an existing POS post a sale by customer number: a retry gets the first answer, another body 409', async () => {
    const admin = await t.cookieFor('admin');
    const key = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: { cookie: admin },
      payload: { name: 'old POS', role: 'cashier' },
    });
    const bearer = `Bearer ${key.json().secret}`;
    const post = (payload: object) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/integrations/sales',
        headers: { authorization: bearer, 'idempotency-key': 'pos-receipt-991' },
        payload,
      });
    const body = {
      outletId: t.shop.outletId,
      customer: { number: customer.number },
      lines: [{ product: '5012345678917', quantity: 1 }],
      tenders: [{ kind: 'card', amount: 8000, reference: 'POS-991' }],
      completedAt: '2026-11-20T10:15:00Z',
      externalRef: 'R-991',
    };
    const first = await post(body);
    expect(first.statusCode).toBe(201);
    expect(first.json().sale).toMatchObject({
      source: 'api',
      completedAt: '2026-11-20T10:15:00.000Z',
      customer: { id: customer.id },
    });
    const retry = await post(body);
    expect(retry.json().sale.id).toBe(first.json().sale.id);
    const other = await post({
      ...body,
      lines: [{ product: '5012345678917', quantity: 2 }],
      tenders: [{ kind: 'card', amount: 16000, reference: 'POS-991' }],
    });
    expect(other.statusCode).toBe(409);
    const history = await t.app.inject({
      url: `/api/v1/customers/${customer.id}/purchases`,
      headers: { cookie: cashier },
    });
    expect(
      history.json().items.filter((sale: { externalRef: string }) => sale.externalRef === 'R-991'),
    ).toHaveLength(1);
    const byPhone = await t.app.inject({
      method: 'POST',
      url: '/api/v1/integrations/sales',
      headers: { authorization: bearer, 'idempotency-key': 'pos-receipt-992' },
      payload: { ...body, customer: { phone: '+447911123456' }, externalRef: 'R-992' },
    });
    expect(byPhone.json().sale.customer.id).toBe(customer.id);
  });

  it('returns without a receipt from the history, refuses an over-return, and shows it all in the history', async () => {
    const history = await t.app.inject({
      url: `/api/v1/customers/${customer.id}/purchases`,
      headers: { cookie: cashier },
    });
    const tee = history
      .json()
      .items.flatMap((sale: { lines: { sku: string; id: string }[] }) => sale.lines)
      .find((line: { sku: string }) => line.sku === 'TEE-M-BLK');
    const back = (key: string, quantity: number) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/returns',
        headers: { cookie: cashier, 'idempotency-key': key },
        payload: {
          lines: [{ saleLineId: tee.id, quantity }],
          withReceipt: false,
          reason: 'wrong size',
        },
      });
    const returned = await back('ret-1', 1);
    expect(returned.statusCode).toBe(201);
    expect(returned.json().sale).toMatchObject({ kind: 'return', total: -2500 });
    const over = await back('ret-2', 2);
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({
      code: 'return_exceeds_sold',
      detail: 'Only 1 of 2 can still be returned',
    });
    const summary = await t.app.inject({
      url: `/api/v1/customers/${customer.id}/purchase-summary`,
      headers: { cookie: cashier },
    });
    expect(summary.json().summary).toMatchObject({
      lifetimeSpend: 5000 - 2500 + 8000 + 8000,
      visits: 3,
      returns: 1,
      topItems: expect.arrayContaining([expect.objectContaining({ key: 'JEAN-32', quantity: 2 })]),
      favouriteBrands: expect.arrayContaining([expect.objectContaining({ key: "Levi's" })]),
    });
  });

  it('exchanges over HTTP in one step', async () => {
    const sold = (
      await sell('for-exchange', {
        lines: [{ product: 'TEE-M-BLK', quantity: 1 }],
        tenders: [{ kind: 'cash', received: 2500 }],
      })
    ).json().sale;
    const exchanged = await t.app.inject({
      method: 'POST',
      url: '/api/v1/exchanges',
      headers: { cookie: cashier, 'idempotency-key': 'exchange-1' },
      payload: {
        return: {
          lines: [{ saleLineId: sold.lines[0].id, quantity: 1 }],
          withReceipt: true,
          reason: 'wrong size',
        },
        sale: { lines: [{ product: 'SOCK-3', quantity: 1 }], tenders: [] },
      },
    });
    expect(exchanged.statusCode).toBe(201);
    expect(exchanged.json()).toMatchObject({
      return: {
        total: -2500,
        tenders: [
          { kind: 'exchange', amount: -1000 },
          { kind: 'cash', amount: -1500 },
        ],
      },
      sale: { total: 1000, tenders: [{ kind: 'exchange', amount: 1000 }] },
    });
  });

  it('attaches a sale afterwards and lets only a supervisor detach it', async () => {
    const sale = (
      await sell('walk-in', {
        lines: [{ product: 'SOCK-3', quantity: 1 }],
        tenders: [{ kind: 'cash', received: 1000 }],
      })
    ).json().sale;
    const attached = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sales/${sale.id}/attach`,
      headers: { cookie: cashier },
      payload: { customerId: customer.id },
    });
    expect(attached.json().sale.customer.id).toBe(customer.id);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sales/${sale.id}/attach`,
      headers: { cookie: cashier },
      payload: { customerId: customer.id },
    });
    expect(again.json()).toMatchObject({ status: 409, code: 'sale_already_attached' });
    const cashierDetach = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sales/${sale.id}/detach`,
      headers: { cookie: cashier },
      payload: { reason: 'wrong person' },
    });
    expect(cashierDetach.statusCode).toBe(403);
    const detached = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sales/${sale.id}/detach`,
      headers: { cookie: await t.cookieFor('supervisor') },
      payload: { reason: 'wrong person' },
    });
    expect(detached.json().sale.customer).toBeNull();
    const audit = await t.app.inject({
      url: `/api/v1/audit?subjectId=${sale.id}`,
      headers: { cookie: await t.cookieFor('admin') },
    });
    expect(audit.json().items.map((item: { action: string }) => item.action)).toEqual([
      'sale.detached',
      'sale.attached',
    ]);
  });
});
