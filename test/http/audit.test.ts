import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

type Item = {
  action: string;
  actorName: string;
  actor: { name: string; username: string | null };
  customer: { number: string; name: string } | null;
  currency: string | null;
  detail: Record<string, unknown>;
};

describe.each(testDatabases())('GET /audit on $name', (database) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let started: string;
  let number: string;

  beforeAll(async () => {
    handle = await database.open();
    t = await buildTestApp(handle);
    started = new Date().toISOString();
    const created = await t.call('POST', '/customers', await t.cookieFor('cashier'), {
      name: 'Ann Audit',
    });
    expect(created.statusCode, created.body).toBe(201);
    number = created.json<{ customer: { number: string } }>().customer.number;
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  const audit = async (query: string) => {
    const response = await t.call('GET', `/audit?${query}`, await t.cookieFor('auditor'));
    return response;
  };

  it('shows who created which customer, by name and number', async () => {
    const response = await audit('action=customer.created');
    expect(response.statusCode, response.body).toBe(200);
    const { items, total } = response.json<{ items: Item[]; total: number }>();
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({
      actorName: 'cashier1',
      actor: { name: 'Test cashier', username: 'cashier1' },
      customer: { number, name: 'Ann Audit' },
    });
  });

  it('filters by who and when on the server', async () => {
    const byCashier = (await audit('who=cashier1')).json<{ items: Item[] }>().items;
    expect(byCashier.length).toBeGreaterThan(0);
    expect(byCashier.every((item) => item.actor.username === 'cashier1')).toBe(true);
    const later = new Date(Date.now() + 60_000).toISOString();
    expect((await audit(`from=${later}`)).json<{ total: number }>().total).toBe(0);
    const window = await audit(`from=${started}&to=${later}&action=customer.created`);
    expect(window.json<{ total: number }>().total).toBe(1);
  });

  it('refuses a date that is not one, naming the parameter', async () => {
    const response = await audit('from=yesterday');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed' });
    expect(JSON.stringify(response.json())).toContain('from');
  });

  it('is not for cashiers', async () => {
    const response = await t.call('GET', '/audit', await t.cookieFor('cashier'));
    expect(response.statusCode).toBe(403);
  });
});
