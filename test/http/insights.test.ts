import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { points } from '../../src/domain/units.ts';
import { recomputeInsights } from '../../src/services/insights/insights-recompute.ts';
import { adjustPoints } from '../../src/services/loyalty/loyalty-bonus.ts';
import { completeSale } from '../../src/services/sales/sales.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { createTestCatalogue } from '../support/catalogue.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';
import { newReward, setRules } from '../support/loyalty.ts';
import { key } from '../support/stored-value.ts';

type Role = 'cashier' | 'supervisor' | 'admin' | 'marketer';

describe.each(testDatabases())('insights API on $name', (database) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let cookies: Record<Role, string>;
  const ids: Record<string, string> = {};
  const today = new Date().toISOString().slice(0, 10);

  const call: TestApp['call'] = (...args) => t.call(...args);
  const newCustomer = async (body: object): Promise<string> => {
    const created = await call('POST', '/customers', cookies.cashier, body);
    if (created.statusCode !== 201) throw new Error(created.body);
    return created.json().customer.id;
  };
  const buy = async (customerId: string) => {
    const sale = await completeSale({
      deps: t.deps,
      actor: t.shop.actors.cashier,
      input: {
        customer: { id: customerId },
        lines: [{ product: 'JEAN-32', quantity: 1 }],
        tenders: [{ kind: 'cash', received: 100_000 }],
        idempotencyKey: key(),
      },
    });
    if (!sale.ok) throw new Error(sale.message);
  };

  beforeAll(async () => {
    handle = await database.open();
    t = await buildTestApp(handle);
    await createTestCatalogue(t.deps.db);
    cookies = {
      cashier: await t.cookieFor('cashier'),
      supervisor: await t.cookieFor('supervisor'),
      admin: await t.cookieFor('admin'),
      marketer: await t.cookieFor('marketer'),
    };
    // A birthday today, written with a year long past (29 February is today only in a leap year).
    const monthDay = today.slice(5) === '02-29' ? '02-28' : today.slice(5);
    ids.bea = await newCustomer({
      name: 'Bea Birthday',
      birthday: `1988-${monthDay}`,
      email: 'bea@example.com',
    });
    ids.sam = await newCustomer({ name: 'Sam Shopper', phone: '07911 123777' });
    ids.otto = await newCustomer({ name: 'Otto Objects', birthday: `1975-${monthDay}` });
    await buy(ids.sam);
    await buy(ids.bea);
    await buy(ids.otto);
    const objected = await call(
      'PUT',
      `/customers/${ids.otto}/profiling-objection`,
      cookies.cashier,
      {
        objects: true,
      },
    );
    expect(objected.statusCode).toBe(200);
    await recomputeInsights(t.deps);
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('refuses a cashier every /insights route', async () => {
    for (const path of [
      '/insights/summary',
      '/insights/lapsed',
      '/insights/lapsed.csv',
      '/insights/birthdays',
      '/insights/birthdays.csv',
      '/insights/top',
      '/insights/top.csv',
      '/insights/segments',
    ]) {
      const denied = await call('GET', path, cookies.cashier);
      expect(denied.statusCode, path).toBe(403);
    }
    const post = await call('POST', '/insights/segments', cookies.cashier, {
      name: 'Nope',
      definition: { list: 'lapsed' },
    });
    expect(post.statusCode).toBe(403);
  });

  it('says which method is in use and why', async () => {
    for (const role of ['marketer', 'supervisor', 'admin'] as const) {
      const summary = await call('GET', '/insights/summary', cookies[role]);
      expect(summary.statusCode).toBe(200);
      const body = summary.json();
      expect(body.run).toMatchObject({ method: 'rule', customers: 2 });
      expect(body.run.fallbackReason).toMatch(/customers with a purchase/);
      expect(body.visitsPerWeek).toHaveLength(26);
      expect(body.valueBuckets).toHaveLength(10);
      expect(
        body.segments.reduce((sum: number, s: { customers: number }) => sum + s.customers, 0),
      ).toBe(2);
    }
  });

  it('answers a bad days with a 400 naming the field', async () => {
    for (const days of ['0', 'abc', '367', '-3']) {
      const bad = await call('GET', `/insights/birthdays?days=${days}`, cookies.marketer);
      expect(bad.statusCode, days).toBe(400);
      expect(bad.json()).toMatchObject({ code: 'validation_failed', field: 'days' });
    }
  });

  it("lists today's birthdays by name only, leaving out the objector", async () => {
    const list = await call('GET', '/insights/birthdays?days=7', cookies.marketer);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ days: 7, total: 1 });
    expect(list.json().items).toEqual([
      { customerId: ids.bea, number: expect.any(String), name: 'Bea Birthday', on: today },
    ]);
    expect(list.body).not.toContain('bea@example.com');
    const byDefault = await call('GET', '/insights/birthdays', cookies.marketer);
    expect(byDefault.json().days).toBe(14);
  });

  it('lists top customers without the objector, and refuses an unknown outlet', async () => {
    const top = await call('GET', '/insights/top?by=spend', cookies.supervisor);
    expect(top.statusCode).toBe(200);
    const names = top.json().items.map((item: { name: string }) => item.name);
    expect(names.sort()).toEqual(['Bea Birthday', 'Sam Shopper']);
    const outlet = await call(
      'GET',
      `/insights/lapsed?outletId=${t.shop.outletId}`,
      cookies.supervisor,
    );
    expect(outlet.statusCode).toBe(200);
    const unknown = await call(
      'GET',
      '/insights/lapsed?outletId=00000000-0000-4000-8000-000000000000',
      cookies.supervisor,
    );
    expect(unknown.statusCode).toBe(404);
  });

  it('exports a list as CSV to whoever may export customers, with an audit entry', async () => {
    const csv = await call('GET', '/insights/top.csv?by=value', cookies.marketer);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Sam Shopper');
    expect(csv.body).not.toContain('Otto');
    expect(csv.body).not.toContain('123777');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('action', '=', 'insights.list_exported')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ list: 'top', by: 'value', rows: 2 });
    // Supervisors see Insights but do not take personal data out.
    expect((await call('GET', '/insights/top.csv', cookies.supervisor)).statusCode).toBe(403);
  });

  it('saves a list as a named segment and evaluates it when used', async () => {
    const saved = await call('POST', '/insights/segments', cookies.marketer, {
      name: 'Birthdays this week',
      definition: { list: 'birthdays', days: 7 },
    });
    expect(saved.statusCode).toBe(201);
    const segment = saved.json().segment;
    expect(segment.definition).toEqual({ list: 'birthdays', days: 7, outletId: null });
    const again = await call('POST', '/insights/segments', cookies.marketer, {
      name: 'Birthdays this week',
      definition: { list: 'lapsed' },
    });
    expect(again.statusCode).toBe(409);
    const badList = await call('POST', '/insights/segments', cookies.marketer, {
      name: 'Top',
      definition: { list: 'top' },
    });
    expect(badList.json()).toMatchObject({ code: 'validation_failed', field: 'definition.by' });
    const listed = await call('GET', '/insights/segments', cookies.supervisor);
    expect(listed.json().segments.map((s: { name: string }) => s.name)).toEqual([
      'Birthdays this week',
    ]);
    const members = await call(
      'GET',
      `/insights/segments/${segment.id}/customers`,
      cookies.marketer,
    );
    expect(members.json().items.map((item: { name: string }) => item.name)).toEqual([
      'Bea Birthday',
    ]);
  });

  it('gives the till insight hints without a contact detail, and none to an objector', async () => {
    const bea = (await call('GET', `/customers/${ids.bea}`, cookies.cashier)).json().customer;
    expect(bea.insight).toMatchObject({
      method: 'rule',
      birthdaySoon: true,
      lastSeenDaysAgo: 0,
      lapsed: false,
      welcomeBack: false,
      dueEveryDays: null,
      suggestedReward: null,
    });
    expect(typeof bea.insight.computedAt).toBe('string');
    expect(JSON.stringify(bea.insight)).not.toMatch(/bea@|1988/);
    const sam = (await call('GET', `/customers/${ids.sam}`, cookies.cashier)).json().customer;
    expect(sam.insight.birthdaySoon).toBe(false);
    const otto = (await call('GET', `/customers/${ids.otto}`, cookies.cashier)).json().customer;
    expect(otto.insight).toBeNull();
  });

  it('suggests the best reward the points pay for when the programme has one', async () => {
    await setRules(t.deps, t.shop.actors.admin, { enabled: true });
    await newReward(t.deps, t.shop.actors.admin, 100, 300);
    await newReward(t.deps, t.shop.actors.admin, 250, 900);
    await newReward(t.deps, t.shop.actors.admin, 5000, 20000);
    const bonus = await adjustPoints({
      deps: t.deps,
      actor: t.shop.actors.supervisor,
      customerId: ids.sam!,
      input: { points: points(300), reasonCode: 'service_recovery', reason: 'late delivery' },
      idempotencyKey: key(),
    });
    if (!bonus.ok) throw new Error(bonus.message);
    const sam = (await call('GET', `/customers/${ids.sam}`, cookies.cashier)).json().customer;
    expect(sam.insight.suggestedReward).toMatchObject({ name: '900 off for 250', pointsCost: 250 });
  });
});
