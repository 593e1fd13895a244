import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { createTestCatalogue } from '../support/catalogue.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

/**
 * A back-office (password) sign-in has no register. A sale or return made with it is
 * refused with a code the till can act on and words a cashier understands, not a
 * developer's "outletId is required".
 */
describe.each(testDatabases())('selling without a till register on $name', (database) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let backOffice: string;

  beforeAll(async () => {
    handle = await database.open();
    t = await buildTestApp(handle);
    await createTestCatalogue(handle.db);
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { username: t.shop.staff.cashier.username, password: t.shop.staff.cashier.password },
    });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json().session.register).toBeNull();
    const cookie = signIn.cookies.find((c) => c.name === 'clientele_session')!;
    backOffice = `clientele_session=${cookie.value}`;
  });
  afterAll(async () => {
    await t?.app.close();
    await handle?.close();
  });

  it('refuses a sale with register_required, telling the cashier to pick a register', async () => {
    const sale = await t.call('POST', '/sales', backOffice, {
      lines: [{ product: 'SOCK-3', quantity: 1 }],
      tenders: [{ kind: 'cash', received: 1000 }],
    });
    expect(sale.statusCode).toBe(409);
    expect(sale.headers['content-type']).toContain('application/problem+json');
    expect(sale.json()).toMatchObject({ code: 'register_required', field: 'registerId' });
    expect(sale.json().detail).toMatch(/register/i);
    expect(sale.json().detail).not.toMatch(/outletId/);
  });

  it('still sells when the outlet is named, as an integration does', async () => {
    const sale = await t.call('POST', '/sales', backOffice, {
      outletId: t.shop.outletId,
      lines: [{ product: 'SOCK-3', quantity: 1 }],
      tenders: [{ kind: 'cash', received: 1000 }],
    });
    expect(sale.statusCode).toBe(201);
  });

  it('sells once the same user signs in at a register with their PIN', async () => {
    const sale = await t.call('POST', '/sales', await t.cookieFor('cashier'), {
      lines: [{ product: 'SOCK-3', quantity: 1 }],
      tenders: [{ kind: 'cash', received: 1000 }],
    });
    expect(sale.statusCode).toBe(201);
  });
});
