import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

/** The retention period through the API: years or null (the country's default), nothing else. */
describe.each(testDatabases())('accounting retention setting on $name', (database) => {
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

  it('starts unset, takes whole years from 1 to 30, and goes back to the default', async () => {
    const fresh = await t.call('GET', '/settings', admin);
    expect(fresh.json().settings.accountingRetentionYears).toBeNull();
    const set = await t.call('PATCH', '/settings', admin, { accountingRetentionYears: 10 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().settings.accountingRetentionYears).toBe(10);
    const unset = await t.call('PATCH', '/settings', admin, { accountingRetentionYears: null });
    expect(unset.json().settings.accountingRetentionYears).toBeNull();
  });

  it('refuses other values with a coded error and keeps what was set', async () => {
    await t.call('PATCH', '/settings', admin, { accountingRetentionYears: 8 });
    for (const value of [0, 31, 6.5, '7', true]) {
      const refused = await t.call('PATCH', '/settings', admin, {
        accountingRetentionYears: value,
      });
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json().code).toBe('validation_failed');
    }
    const read = await t.call('GET', '/settings', admin);
    expect(read.json().settings.accountingRetentionYears).toBe(8);
  });

  it('is an admin setting: a supervisor may read it but not change it', async () => {
    const supervisor = await t.cookieFor('supervisor');
    const changed = await t.call('PATCH', '/settings', supervisor, { accountingRetentionYears: 5 });
    expect(changed.statusCode).toBe(403);
  });
});
