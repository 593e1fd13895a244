import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCampaignWorker } from '../../src/services/campaigns/campaign-worker.ts';
import { createCampaignSegment } from '../../src/services/segments/segments.ts';
import { updateMailSettings } from '../../src/services/shop/mail-settings.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp.ts';

/**
 * What a campaign needs before it may start (mail set up, someone to send to), the test
 * send, and an unsubscribe through the campaign's own link counted in its results.
 */
const template = {
  subject: 'Hello {{firstName}}',
  html: '<p>Hi {{firstName}}</p><a href="{{unsubscribeUrl}}">Unsubscribe</a>',
  text: 'Hi {{firstName}} {{unsubscribeUrl}}',
};

describe.each(testDatabases().slice(0, 1))('campaign start checks on $name', (database) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let smtp: TestSmtpServer;
  let marketer: string;
  let everyone: string;
  let nobody: string;

  beforeAll(async () => {
    handle = await database.open();
    t = await buildTestApp(handle);
    smtp = await startTestSmtpServer();
    marketer = await t.cookieFor('marketer');
    const created = await t.call('POST', '/customers', await t.cookieFor('cashier'), {
      name: 'Uma Unsub',
      email: 'uma@example.org',
      consents: [{ channel: 'email', granted: true, wording: 'Offers by email' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const segment = async (name: string, definition: object) => {
      const saved = await createCampaignSegment({
        deps: t.deps,
        actor: t.shop.actors.marketer,
        input: { name, definition },
      });
      if (!saved.ok) throw new Error(saved.message);
      return saved.value.id;
    };
    everyone = await segment('Everyone', {});
    nobody = await segment('Nobody', { visitsMin: 1000 });
  });
  afterAll(async () => {
    await smtp.close();
    await t.app.close();
    await handle.close();
  });

  const draft = async (segmentId: string) => {
    const created = await t.call('POST', '/campaigns', marketer, {
      name: 'C',
      segmentId,
      ...template,
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json().campaign.id as string;
  };

  it('refuses to start or test-send without the public base URL and SMTP settings', async () => {
    const id = await draft(everyone);
    const start = await t.call('POST', `/campaigns/${id}/schedule`, marketer, {});
    expect(start.json()).toMatchObject({ code: 'validation_failed', field: 'publicBaseUrl' });
    await updateMailSettings({
      deps: t.deps,
      actor: t.shop.actors.admin,
      changes: { publicBaseUrl: 'https://shop.example' },
    });
    const noSmtp = await t.call('POST', `/campaigns/${id}/test-send`, marketer, {
      to: 'me@shop.example',
    });
    expect(noSmtp.json()).toMatchObject({ code: 'mail_not_configured', field: 'smtp' });
    expect(smtp.delivered).toHaveLength(0);
  });

  it('refuses to start a campaign whose segment holds nobody', async () => {
    await updateMailSettings({
      deps: t.deps,
      actor: t.shop.actors.admin,
      changes: {
        smtp: {
          host: '127.0.0.1',
          port: smtp.port,
          secure: false,
          user: null,
          password: null,
          from: 'Shop <news@shop.example>',
          ratePerSecond: 50,
        },
      },
    });
    const id = await draft(nobody);
    const start = await t.call('POST', `/campaigns/${id}/schedule`, marketer, {});
    expect(start.statusCode).toBe(400);
    expect(start.json()).toMatchObject({ code: 'segment_empty', field: 'segmentId' });
  });

  it('test-sends to the given address only, marked as a test', async () => {
    const id = await draft(everyone);
    const bad = await t.call('POST', `/campaigns/${id}/test-send`, marketer, {
      to: 'not an address',
    });
    expect(bad.json()).toMatchObject({ field: 'to' });
    const sent = await t.call('POST', `/campaigns/${id}/test-send`, marketer, {
      to: 'me@shop.example',
    });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(smtp.delivered.map((d) => d.envelopeTo)).toEqual([['me@shop.example']]);
    expect(smtp.delivered[0]!.mail.subject).toBe('[Test] Hello Alex');
    const rows = await t.deps.db.selectFrom('campaign_recipients').select('id').execute();
    expect(rows).toHaveLength(0);
  });

  it('counts an unsubscribe through the campaign link in its results', async () => {
    smtp.delivered.length = 0;
    const id = await draft(everyone);
    expect((await t.call('POST', `/campaigns/${id}/schedule`, marketer, {})).statusCode).toBe(200);
    const worker = startCampaignWorker(t.deps, { idleMillis: 20 });
    try {
      await expect.poll(() => smtp.delivered.length, { timeout: 10_000 }).toBe(1);
    } finally {
      await worker.stop();
    }
    const link = /https:\/\/shop\.example(\/u\/[A-Za-z0-9_-]+)/.exec(
      smtp.delivered[0]!.mail.text ?? '',
    );
    expect(link).not.toBeNull();
    const clicked = await t.app.inject({
      method: 'POST',
      url: link![1]!,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(clicked.statusCode).toBe(200);
    const results = (await t.call('GET', `/campaigns/${id}`, marketer)).json().results;
    expect(results).toMatchObject({ sent: 1, unsubscribes: 1 });
  });
});
