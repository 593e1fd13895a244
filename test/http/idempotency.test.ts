import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { createTestCatalogue } from '../support/catalogue.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

describe.each(testDatabases())('Idempotency-Key on $name', (database) => {
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

  const total = async (cookie: string) =>
    (await t.app.inject({ url: '/api/v1/customers?q=retry', headers: { cookie } })).json()
      .total as number;

  it('answers a retry with the first answer and creates nothing twice', async () => {
    const cookie = await t.cookieFor('cashier');
    const request = {
      method: 'POST' as const,
      url: '/api/v1/customers',
      headers: { cookie, 'idempotency-key': 'till-1-sale-0001' },
      payload: { name: 'Retry Customer' },
    };
    const first = await t.app.inject(request);
    const retry = await t.app.inject(request);
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().customer.id).toBe(first.json().customer.id);
    expect(await total(cookie)).toBe(1);
  });

  it('refuses the same key with another body with 409 and changes nothing', async () => {
    const cookie = await t.cookieFor('cashier');
    const reused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { cookie, 'idempotency-key': 'till-1-sale-0001' },
      payload: { name: 'Retry Someone Else' },
    });
    expect(reused.statusCode).toBe(409);
    expect(reused.json()).toMatchObject({
      code: 'idempotency_key_reused',
      field: 'Idempotency-Key',
    });
    expect(await total(cookie)).toBe(1);
  });

  it('keeps keys apart per caller and rejects malformed keys', async () => {
    const supervisor = await t.cookieFor('supervisor');
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { cookie: supervisor, 'idempotency-key': 'till-1-sale-0001' },
      payload: { name: 'Retry Other Till' },
    });
    expect(other.statusCode).toBe(201);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { cookie: supervisor, 'idempotency-key': 'has spaces in it' },
      payload: { name: 'Retry Bad Key' },
    });
    expect(bad.json()).toMatchObject({ status: 400, field: 'Idempotency-Key' });
  });

  it('claims and stores nothing for a quote, even when the client sends a key', async () => {
    const cookie = await t.cookieFor('cashier');
    const keys = async () =>
      (await t.deps.db.selectFrom('idempotency_keys').select('key').execute()).map((r) => r.key);
    await createTestCatalogue(t.deps.db);
    const before = await keys();
    const quote = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sales/quote',
      headers: { cookie, 'idempotency-key': 'quote-key-1' },
      payload: { lines: [{ product: 'TEE-M-BLK', quantity: 1 }] },
    });
    expect(quote.statusCode).toBe(200);
    expect(quote.headers['idempotent-replayed']).toBeUndefined();
    expect(await keys()).toEqual(before);
  });
});
