import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileTemplate } from '../../src/domain/campaigns/templates.ts';
import { points } from '../../src/domain/units.ts';
import { composeCampaignMail } from '../../src/services/campaigns/campaign-mail.ts';
import { createMailer, type Mailer } from '../../src/services/platform/mailer.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { newId } from '../../src/store/ids.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp.ts';

/**
 * A campaign email through the real mailer to a real SMTP server: it arrives with the
 * List-Unsubscribe headers, and the one-click link in them unsubscribes for real.
 */
describe.each(testDatabases().slice(0, 1))('a campaign email over SMTP on $name', (database) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let smtp: TestSmtpServer;
  let mailer: Mailer;
  let customerId: string;

  beforeAll(async () => {
    handle = await database.open();
    t = await buildTestApp(handle);
    smtp = await startTestSmtpServer();
    mailer = createMailer({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      user: null,
      password: null,
      from: 'Test Shop <news@shop.example>',
      ratePerSecond: 10,
    });
    const created = await t.call('POST', '/customers', await t.cookieFor('cashier'), {
      name: 'Zoë <b>Bold</b>',
      email: 'zoe@example.org',
      consents: [{ channel: 'email', granted: true, wording: 'Yes to offers by email' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    customerId = created.json().customer.id;
  });
  afterAll(async () => {
    mailer.close?.();
    await smtp.close();
    await t.app.close();
    await handle.close();
  });

  it('arrives with List-Unsubscribe headers whose link unsubscribes in one POST', async () => {
    const compiled = compileTemplate({
      subject: 'A treat for you, {{firstName}}',
      html: '<p>Hi {{firstName}}, you have {{pointsBalance}} points.</p><a href="{{unsubscribeUrl}}">Unsubscribe</a>',
      text: 'Hi {{firstName}}, you have {{pointsBalance}} points. Unsubscribe: {{unsubscribeUrl}}',
    });
    if (!compiled.ok) throw new Error(compiled.message);
    const campaignId = newId();
    const message = composeCampaignMail({
      vault: t.deps.vault,
      compiled: compiled.value,
      campaignId,
      customerId,
      to: 'zoe@example.org',
      facts: { name: 'Zoë <b>Bold</b>', pointsBalance: points(250), rewards: [], outlet: null },
      publicBaseUrl: 'https://shop.example',
      mailto: 'news@shop.example',
      now: new Date(),
    });
    await mailer.send(message);

    expect(smtp.delivered).toHaveLength(1);
    const { mail, envelopeTo } = smtp.delivered[0]!;
    expect(envelopeTo).toEqual(['zoe@example.org']);
    expect(mail.subject).toBe('A treat for you, Zoë');
    // As the server received them, long lines unfolded (RFC 5322 section 2.2.3).
    const header = (key: string) =>
      (mail.headerLines.find((line) => line.key === key)?.line ?? '').replace(/\r\n[ \t]+/g, ' ');
    const link = /<(https:\/\/shop\.example\/u\/[A-Za-z0-9_-]+)>/.exec(header('list-unsubscribe'));
    expect(link, header('list-unsubscribe')).not.toBeNull();
    expect(header('list-unsubscribe')).toMatch(
      /, <mailto:news@shop\.example\?subject=unsubscribe%20[A-Za-z0-9_-]+>$/,
    );
    expect(header('list-unsubscribe-post')).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
    expect(mail.html).toContain(`<a href="${link![1]}">Unsubscribe</a>`);
    expect(mail.text).toContain(`Unsubscribe: ${link![1]}`);

    // What a mail client's "Unsubscribe" button does with those headers.
    const path = new URL(link![1]!).pathname;
    const clicked = await t.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(clicked.statusCode, clicked.body).toBe(200);
    const history = await t.call(
      'GET',
      `/customers/${customerId}/consents`,
      await t.cookieFor('admin'),
    );
    expect(history.json().current).toContainEqual(
      expect.objectContaining({ channel: 'email', granted: false }),
    );
  });
});
