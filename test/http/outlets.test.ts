import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

describe.each(testDatabases())('outlets and registers on $name', (database) => {
  let handle: DatabaseHandle;
  let t: TestApp;

  beforeAll(async () => {
    handle = await database.open();
    t = await buildTestApp(handle);
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('lets an admin set the receipt header, pricing, return limit and till settings', async () => {
    const admin = { cookie: await t.cookieFor('admin') };
    const changed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/outlets/${t.shop.outletId}`,
      headers: admin,
      payload: {
        receiptHeader: 'Harbour & Pine\n12 Pier Road',
        pricingMode: 'tax_exclusive',
        noReceiptReturnLimit: 2000,
        settings: { customerNameOnReceipt: true },
      },
    });
    expect(changed.json().outlet).toMatchObject({
      pricingMode: 'tax_exclusive',
      noReceiptReturnLimit: 2000,
      settings: { customerNameOnReceipt: true },
    });
    const bad = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/outlets/${t.shop.outletId}`,
      headers: admin,
      payload: { timeZone: 'Mars/Olympus' },
    });
    expect(bad.json()).toMatchObject({ status: 400, field: 'timeZone' });
    const cashier = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/outlets/${t.shop.outletId}`,
      headers: { cookie: await t.cookieFor('cashier') },
      payload: { noReceiptReturnLimit: 999999 },
    });
    expect(cashier.statusCode).toBe(403);
  });

  it('adds outlets and registers, refusing duplicates', async () => {
    const admin = { cookie: await t.cookieFor('admin') };
    const outlet = await t.app.inject({
      method: 'POST',
      url: '/api/v1/outlets',
      headers: admin,
      payload: { code: 'osl', name: 'Oslo', currency: 'NOK', timeZone: 'Europe/Oslo' },
    });
    expect(outlet.statusCode).toBe(201);
    const id = outlet.json().outlet.id as string;
    const register = (code: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/outlets/${id}/registers`,
        headers: admin,
        payload: { code, name: 'Till' },
      });
    expect((await register('OSL-1')).statusCode).toBe(201);
    expect((await register('OSL-1')).json()).toMatchObject({ status: 400, field: 'code' });
    const registers = await t.app.inject({ url: '/api/v1/registers' });
    expect(registers.json().registers.map((r: { code: string }) => r.code)).toContain('OSL-1');
  });
});
