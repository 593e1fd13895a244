import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

/** What a settings screen reads, it must be able to write back, "never expires" included. */
describe.each(testDatabases())('settings round trips on $name', (database) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    handle = await database.open();
    t = await buildTestApp(handle);
    admin = await t.cookieFor('admin');
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('sets gift card and store credit expiry back to never (null)', async () => {
    const set = await t.call('PATCH', '/settings', admin, {
      giftCardExpiryMonths: 24,
      storeCreditExpiryMonths: 12,
    });
    expect(set.json().settings).toMatchObject({
      giftCardExpiryMonths: 24,
      storeCreditExpiryMonths: 12,
    });
    const never = await t.call('PATCH', '/settings', admin, {
      giftCardExpiryMonths: null,
      storeCreditExpiryMonths: null,
    });
    expect(never.statusCode, never.body).toBe(200);
    expect(never.json().settings).toMatchObject({
      giftCardExpiryMonths: null,
      storeCreditExpiryMonths: null,
    });
  });

  it('takes back unchanged what GET /settings gave', async () => {
    await t.call('PATCH', '/settings', admin, { giftCardExpiryMonths: 36 });
    const read = (await t.call('GET', '/settings', admin)).json().settings;
    const written = await t.call('PATCH', '/settings', admin, read);
    expect(written.statusCode, written.body).toBe(200);
    expect(written.json().settings).toEqual(read);
  });

  it('sets points expiry back to never, and takes back the rules it gave', async () => {
    const expiring = await t.call('PATCH', '/loyalty/rules', admin, { expiryMonths: 12 });
    expect(expiring.json().rules.expiryMonths).toBe(12);
    const never = await t.call('PATCH', '/loyalty/rules', admin, { expiryMonths: null });
    expect(never.statusCode, never.body).toBe(200);
    expect(never.json().rules.expiryMonths).toBeNull();
    const rules = (await t.call('GET', '/loyalty/program', admin)).json().current.rules;
    const again = await t.call('PATCH', '/loyalty/rules', admin, rules);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().rules).toEqual(rules);
  });
});
