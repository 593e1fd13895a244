import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

describe.each(testDatabases())('profiling objection API on $name', (database) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let cookies: Record<'cashier' | 'supervisor' | 'admin' | 'marketer' | 'auditor', string>;

  const call: TestApp['call'] = (...args) => t.call(...args);
  const newCustomer = async (name: string): Promise<string> =>
    (await call('POST', '/customers', cookies.cashier, { name })).json().customer.id;
  const objection = (id: string, cookie: string, body: object) =>
    call('PUT', `/customers/${id}/profiling-objection`, cookie, body);

  beforeAll(async () => {
    handle = await database.open();
    t = await buildTestApp(handle);
    cookies = {
      cashier: await t.cookieFor('cashier'),
      supervisor: await t.cookieFor('supervisor'),
      admin: await t.cookieFor('admin'),
      marketer: await t.cookieFor('marketer'),
      auditor: await t.cookieFor('auditor'),
    };
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('lets whoever edits customers record and clear it; the customer shows the date', async () => {
    const id = await newCustomer('Pia Private');
    const fresh = await call('GET', `/customers/${id}`, cookies.cashier);
    expect(fresh.json().customer.objectsToProfilingAt).toBeNull();

    const byCashier = await objection(id, cookies.cashier, {
      objects: true,
      reason: 'at the till',
    });
    expect(byCashier.statusCode).toBe(200);
    const at = byCashier.json().customer.objectsToProfilingAt;
    expect(typeof at).toBe('string');
    const shown = await call('GET', `/customers/${id}`, cookies.auditor);
    expect(shown.json().customer.objectsToProfilingAt).toBe(at);

    for (const role of ['supervisor', 'admin'] as const) {
      const cleared = await objection(id, cookies[role], { objects: false });
      expect(cleared.statusCode).toBe(200);
      expect(cleared.json().customer.objectsToProfilingAt).toBeNull();
    }
    const history = await call('GET', `/customers/${id}/history`, cookies.cashier);
    expect(
      history
        .json()
        .changes.filter((change: { kind: string }) => change.kind === 'profiling_objection')
        .map((change: { fields: object }) => change.fields),
    ).toEqual([{ objects: false }, { objects: true, reason: 'at the till' }]);
  });

  it('refuses roles that may not edit customers, with nothing changed', async () => {
    const id = await newCustomer('Rita Refused');
    for (const role of ['marketer', 'auditor'] as const) {
      const denied = await objection(id, cookies[role], { objects: true });
      expect(denied.statusCode).toBe(403);
      expect(denied.json().code).toBe('forbidden');
    }
    const unchanged = await call('GET', `/customers/${id}`, cookies.cashier);
    expect(unchanged.json().customer.objectsToProfilingAt).toBeNull();
  });

  it('answers bad input, an unknown and a merged-away customer with coded errors', async () => {
    const id = await newCustomer('Bea Badinput');
    for (const body of [{}, { objects: 'yes' }, { objects: true, reason: 'x'.repeat(501) }]) {
      const bad = await objection(id, cookies.supervisor, body);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('validation_failed');
    }
    const unknown = await objection('01900000-0000-7000-8000-000000000000', cookies.admin, {
      objects: true,
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('customer_not_found');

    const duplicate = await newCustomer('Bea Duplicate');
    const merged = await call('POST', `/customers/${id}/merge`, cookies.supervisor, {
      otherCustomerId: duplicate,
    });
    expect(merged.statusCode).toBe(200);
    const gone = await objection(duplicate, cookies.supervisor, { objects: true });
    expect(gone.statusCode).toBe(409);
    expect(gone.json().code).toBe('customer_not_active');
  });
});
