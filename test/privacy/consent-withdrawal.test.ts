import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaignSegment } from '../../src/services/segments/segments.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { testDatabases } from '../support/databases.ts';
import { configureTestMail, drainCampaigns } from '../support/campaigns.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp.ts';

/**
 * Issue 14 item 8: withdraw consent, then run any campaign or export, and that customer
 * is absent, every time. A segment of customers who all gave email and SMS consent; a
 * random third withdraw both; a campaign to the segment goes through a real SMTP server
 * and the SMS export is taken. No withdrawn address or number appears in either, and
 * every customer who still consents is in both.
 */
const size = 15;

describe.each(testDatabases())('withdrawn consent on $name', (database) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let smtp: TestSmtpServer;
  let marketer: string;
  let segmentId: string;
  const everyone: { id: string; email: string; phone: string }[] = [];
  let withdrawn: typeof everyone = [];
  let consenting: typeof everyone = [];

  beforeAll(async () => {
    handle = await database.open();
    t = await buildTestApp(handle);
    smtp = await startTestSmtpServer();
    marketer = await t.cookieFor('marketer');
    await configureTestMail(t.deps, {
      admin: t.shop.actors.admin,
      port: smtp.port,
      ratePerSecond: 500,
    });
    const cashier = await t.cookieFor('cashier');
    for (let i = 0; i < size; i++) {
      const email = `member${i}@example.org`;
      const phone = `+4479111232${String(i).padStart(2, '0')}`;
      const created = await t.call('POST', '/customers', cashier, {
        name: `Member ${i}`,
        email,
        phone,
        consents: [
          { channel: 'email', granted: true, wording: 'Offers by email' },
          { channel: 'sms', granted: true, wording: 'Offers by text' },
        ],
      });
      expect(created.statusCode, created.body).toBe(201);
      everyone.push({ id: created.json().customer.id, email, phone });
    }
    // A random third, different each run: the rule must hold for whoever it is.
    const shuffled = everyone
      .map((member) => ({ member, key: Math.random() }))
      .sort((a, b) => a.key - b.key)
      .map(({ member }) => member);
    withdrawn = shuffled.slice(0, size / 3);
    consenting = shuffled.slice(size / 3);
    for (const member of withdrawn) {
      for (const channel of ['email', 'sms'] as const) {
        const answer = await t.call('POST', `/customers/${member.id}/consents`, cashier, {
          channel,
          granted: false,
          wording: 'No more offers',
        });
        expect(answer.statusCode, answer.body).toBe(201);
      }
    }
    // Every member, whatever their consent now: the send and the export must decide.
    const segment = await createCampaignSegment({
      deps: t.deps,
      actor: t.shop.actors.marketer,
      input: { name: 'All members', definition: {} },
    });
    if (!segment.ok) throw new Error(segment.message);
    segmentId = segment.value.id;
  });
  afterAll(async () => {
    await smtp.close();
    await t.app.close();
    await handle.close();
  });

  it('sends the campaign to every consenting member and to no one who withdrew', async () => {
    const created = await t.call('POST', '/campaigns', marketer, {
      name: 'Spring',
      segmentId,
      subject: 'Hello {{firstName}}',
      html: '<p>Hi</p><a href="{{unsubscribeUrl}}">Unsubscribe</a>',
      text: 'Hi. Unsubscribe: {{unsubscribeUrl}}',
      controlShareBp: 0,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id: string = created.json().campaign.id;
    expect((await t.call('POST', `/campaigns/${id}/schedule`, marketer, {})).statusCode).toBe(200);
    await drainCampaigns(t.deps);
    const delivered = smtp.delivered.flatMap((mail) => mail.envelopeTo);
    const withdrawnEmails = withdrawn.map((member) => member.email);
    expect(delivered.filter((to) => withdrawnEmails.includes(to))).toEqual([]);
    expect([...delivered].sort()).toEqual(consenting.map((member) => member.email).sort());
  });

  it('leaves everyone who withdrew out of the SMS export, and no one else', async () => {
    const answer = await t.call('GET', `/segments/${segmentId}/sms-export`, marketer);
    expect(answer.statusCode, answer.body).toBe(200);
    const phones = answer.body
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((line) => line.split(',')[2]);
    for (const member of withdrawn) expect(answer.body).not.toContain(member.phone);
    expect(phones.sort()).toEqual(consenting.map((member) => member.phone).sort());
  });
});
