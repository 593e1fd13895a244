import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpForSending } from '../../src/services/shop/mail-settings.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

const smtp = {
  host: 'smtp.example.com',
  port: 587,
  secure: false,
  user: 'shop',
  password: 'pa55-word-kept-safe',
  from: 'Test Shop <news@shop.example>',
  ratePerSecond: 20,
};

/** The campaign mail settings through the API: checked, an admin's, the password never out. */
describe.each(testDatabases())('mail settings on $name', (database) => {
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

  it('starts empty, and is refused for sending until set', async () => {
    const fresh = await t.call('GET', '/settings/mail', admin);
    expect(fresh.json()).toEqual({
      mail: { publicBaseUrl: null, unsubscribeLinkDays: 365, smtp: null },
    });
    expect(await smtpForSending(t.deps)).toMatchObject({ ok: false, code: 'mail_not_configured' });
  });

  it('stores the SMTP password sealed, answers only that one is set, and keeps it', async () => {
    const set = await t.call('PATCH', '/settings/mail', admin, {
      publicBaseUrl: 'https://shop.example/',
      smtp,
    });
    expect(set.statusCode, set.body).toBe(200);
    const { password: _secret, ...shown } = smtp;
    expect(set.json().mail).toEqual({
      publicBaseUrl: 'https://shop.example',
      unsubscribeLinkDays: 365,
      smtp: { ...shown, passwordSet: true },
    });
    expect(set.body).not.toContain(smtp.password);

    const raw = await handle.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'smtp')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(raw.value)).not.toContain(smtp.password);
    const audit = await handle.db.selectFrom('audit_log').selectAll().execute();
    expect(JSON.stringify(audit)).not.toContain(smtp.password);

    // A change that leaves the password out keeps it.
    const { password: _left, ...withoutPassword } = smtp;
    const moved = await t.call('PATCH', '/settings/mail', admin, {
      smtp: { ...withoutPassword, port: 2525 },
    });
    expect(moved.json().mail.smtp).toMatchObject({ port: 2525, passwordSet: true });
    expect(await smtpForSending(t.deps)).toEqual({
      ok: true,
      value: { ...smtp, port: 2525 },
    });
  });

  it('refuses bad values naming the field, and keeps what was set', async () => {
    const bad: [object, string][] = [
      [{ publicBaseUrl: 'http://shop.example' }, 'publicBaseUrl'],
      [{ publicBaseUrl: 'not a url' }, 'publicBaseUrl'],
      [{ smtp: { ...smtp, from: 'nobody' } }, 'smtp.from'],
      [{ smtp: { ...smtp, user: 'shop', password: null } }, 'smtp.password'],
      [{ smtp: { ...smtp, host: 'bad host' } }, 'smtp.host'],
      [{ smtp: { ...smtp, ratePerSecond: 0 } }, 'smtp.ratePerSecond'],
      [{ unsubscribeLinkDays: 5 }, 'unsubscribeLinkDays'],
    ];
    for (const [body, field] of bad) {
      const refused = await t.call('PATCH', '/settings/mail', admin, body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
      expect(refused.json().code).toBe('validation_failed');
      expect(refused.json().field, refused.body).toBe(field);
    }
    const read = await t.call('GET', '/settings/mail', admin);
    expect(read.json().mail).toMatchObject({
      publicBaseUrl: 'https://shop.example',
      smtp: { port: 2525, from: smtp.from },
    });
  });

  it('is an admin setting: a marketer may neither read nor change it', async () => {
    const marketer = await t.cookieFor('marketer');
    expect((await t.call('GET', '/settings/mail', marketer)).statusCode).toBe(403);
    const changed = await t.call('PATCH', '/settings/mail', marketer, { smtp: null });
    expect(changed.statusCode).toBe(403);
  });

  it('removes the SMTP server with null', async () => {
    const removed = await t.call('PATCH', '/settings/mail', admin, { smtp: null });
    expect(removed.json().mail.smtp).toBeNull();
    expect(await smtpForSending(t.deps)).toMatchObject({ ok: false, code: 'mail_not_configured' });
  });
});
