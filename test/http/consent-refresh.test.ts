import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

/** Consent refresh (F18) through the API: wordings, settings, the till's look-up, the list. */
describe.each(testDatabases())('consent refresh over HTTP on $name', (database) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let admin: string;
  let cashier: string;
  let customerId: string;
  const old = 'Email me offers.';
  const current = 'Email me news and offers, at most weekly. I can withdraw at any time.';

  beforeAll(async () => {
    handle = await database.open();
    t = await buildTestApp(handle);
    admin = await t.cookieFor('admin');
    cashier = await t.cookieFor('cashier');
    const created = await t.call('POST', '/customers', cashier, {
      name: 'Rita Refresh',
      consents: [{ channel: 'email', granted: true, wording: old }],
    });
    expect(created.statusCode, created.body).toBe(201);
    customerId = created.json().customer.id;
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('has the consent settings with their defaults, validated with the field named', async () => {
    const read = await t.call('GET', '/settings', cashier);
    expect(read.json().settings).toMatchObject({
      consentMaxAgeMonths: 24,
      allowStaleConsentForSending: false,
    });
    for (const [field, value] of [
      ['consentMaxAgeMonths', 0],
      ['consentMaxAgeMonths', 121],
      ['consentMaxAgeMonths', 12.5],
      ['allowStaleConsentForSending', 'yes'],
    ] as const) {
      const refused = await t.call('PATCH', '/settings', admin, { [field]: value });
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json()).toMatchObject({ code: 'validation_failed' });
      expect(refused.body).toContain(field);
    }
    const set = await t.call('PATCH', '/settings', admin, {
      consentMaxAgeMonths: 36,
      allowStaleConsentForSending: true,
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().settings).toMatchObject({
      consentMaxAgeMonths: 36,
      allowStaleConsentForSending: true,
    });
    const refusedCashier = await t.call('PATCH', '/settings', cashier, { consentMaxAgeMonths: 12 });
    expect(refusedCashier.statusCode).toBe(403);
  });

  it('lets an admin, not a cashier, change the wording; each change a new version', async () => {
    const byCashier = await t.call('PUT', '/consent-wordings', cashier, {
      channel: 'email',
      text: current,
    });
    expect(byCashier.statusCode).toBe(403);
    const blank = await t.call('PUT', '/consent-wordings', admin, { channel: 'email', text: ' ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json()).toMatchObject({ code: 'validation_failed', field: 'text' });
    const badChannel = await t.call('PUT', '/consent-wordings', admin, {
      channel: 'fax',
      text: current,
    });
    expect(badChannel.statusCode).toBe(400);
    expect(badChannel.body).toContain('channel');

    const set = await t.call('PUT', '/consent-wordings', admin, {
      channel: 'email',
      text: current,
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().wording).toMatchObject({ channel: 'email', version: 2, current: true });
    const list = await t.call('GET', '/consent-wordings', cashier);
    expect(
      list
        .json()
        .wordings.map((w: { version: number; current: boolean }) => [w.version, w.current]),
    ).toEqual([
      [2, true],
      [1, false],
    ]);
  });

  it('tells the till which consent to ask again, and a cashier refreshes it', async () => {
    const before = await t.call('GET', `/customers/${customerId}`, cashier);
    expect(before.json().customer.consentRefresh).toEqual([
      { channel: 'email', reasons: ['outdated_wording'] },
    ]);
    const badInput = await t.call('POST', `/customers/${customerId}/consents`, cashier, {
      channel: 'email',
      granted: 'yes',
      wording: current,
    });
    expect(badInput.statusCode).toBe(400);
    expect(badInput.body).toContain('granted');

    const yes = await t.call('POST', `/customers/${customerId}/consents`, cashier, {
      channel: 'email',
      granted: true,
      wording: current,
    });
    expect(yes.statusCode, yes.body).toBe(201);
    const after = await t.call('GET', `/customers/${customerId}`, cashier);
    expect(after.json().customer.consentRefresh).toEqual([]);
  });

  it('lists stale consent for marketers, without contact details, keyset-paged', async () => {
    for (const name of ['Sam Stale', 'Tom Stale']) {
      const created = await t.call('POST', '/customers', cashier, {
        name,
        email: `${name.split(' ')[0]!.toLowerCase()}@example.org`,
        consents: [{ channel: 'email', granted: true, wording: old }],
      });
      expect(created.statusCode, created.body).toBe(201);
    }
    expect((await t.call('GET', '/consents/stale', cashier)).statusCode).toBe(403);
    const marketer = await t.cookieFor('marketer');
    const first = await t.call('GET', '/consents/stale?limit=1', marketer);
    expect(first.statusCode, first.body).toBe(200);
    const page = first.json();
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ channel: 'email', reasons: ['outdated_wording'] });
    expect(first.body).not.toContain('example.org');
    const next = await t.call(
      'GET',
      `/consents/stale?limit=1&afterCustomerId=${page.next.customerId}&afterChannel=${page.next.channel}`,
      marketer,
    );
    const names = [...page.items, ...next.json().items].map(
      (item: { customerName: string }) => item.customerName,
    );
    expect(names.sort()).toEqual(['Sam Stale', 'Tom Stale']);
    expect(next.json().next).toBeNull();

    const badOutlet = await t.call('GET', '/consents/stale?outletId=nope', marketer);
    expect(badOutlet.statusCode).toBe(400);
    expect(badOutlet.body).toContain('outletId');
    const otherOutlet = await t.call(
      'GET',
      `/consents/stale?outletId=${crypto.randomUUID()}`,
      marketer,
    );
    expect(otherOutlet.json().items).toEqual([]);
  });
});
