import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseCustomer } from '../../src/services/customers/customer-erasure.ts';
import { exportCustomer } from '../../src/services/customers/customer-export.ts';
import { startDueCampaigns } from '../../src/services/campaigns/campaign-start.ts';
import { setProfilingObjection } from '../../src/services/customers/profiling-objection.ts';
import { createCampaignSegment } from '../../src/services/segments/segments.ts';
import { suppressMarketing } from '../../src/store/customer-erasure.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { testDatabases } from '../support/databases.ts';
import { configureTestMail, drainCampaigns } from '../support/campaigns.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp.ts';

/**
 * Campaigns end to end on a real database and a real SMTP server: created and sent
 * through the API, delivered by the sender in the server, consent decided at send time.
 */
const template = {
  subject: 'Hello {{firstName}}',
  html: '<p>Hi {{firstName}}, {{pointsBalance}} points.</p><a href="{{unsubscribeUrl}}">Unsubscribe</a>',
  text: 'Hi {{firstName}}. Unsubscribe: {{unsubscribeUrl}}',
};

describe.each(testDatabases())('campaign sending on $name', (database) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let smtp: TestSmtpServer;
  let marketer: string;
  let segmentId: string;
  const ids: Record<string, string> = {};

  async function customer(
    name: string,
    email: string,
    consent: boolean | null,
    birthday: string | null = null,
  ) {
    const created = await t.call('POST', '/customers', await t.cookieFor('cashier'), {
      name,
      email,
      ...(birthday === null ? {} : { birthday }),
      consents:
        consent === null
          ? []
          : [{ channel: 'email', granted: consent, wording: 'Offers by email' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    ids[name] = created.json().customer.id;
  }

  beforeAll(async () => {
    handle = await database.open();
    t = await buildTestApp(handle);
    smtp = await startTestSmtpServer({ busyTimes: 2 });
    marketer = await t.cookieFor('marketer');
    await configureTestMail(t.deps, {
      admin: t.shop.actors.admin,
      port: smtp.port,
      ratePerSecond: 200,
    });
    await customer('Ann Granted', 'ann@example.org', true);
    await customer('Bob Withdraws', 'bob@example.org', true);
    await customer('Cy Suppressed', 'cy@example.org', true);
    await customer('Di Busy', 'busy-di@example.org', true);
    await customer('Ed Rejected', 'reject-ed@example.org', true);
    await customer('Flo Never', 'flo@example.org', null);
    await customer('Gus Declined', 'gus@example.org', false);
    const segment = await createCampaignSegment({
      deps: t.deps,
      actor: t.shop.actors.marketer,
      input: { name: 'Everyone', definition: {} },
    });
    if (!segment.ok) throw new Error(segment.message);
    segmentId = segment.value.id;
  });
  afterAll(async () => {
    await smtp.close();
    await t.app.close();
    await handle.close();
  });

  it('refuses bad templates naming the field, and a cashier outright', async () => {
    const bad = async (change: object) =>
      t.call('POST', '/campaigns', marketer, { name: 'Bad', segmentId, ...template, ...change });
    const unknown = await bad({ text: 'Hi {{lastName}}' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'unknown_merge_field', field: 'text' });
    const long = await bad({ subject: 'x'.repeat(201) });
    expect(long.json()).toMatchObject({ field: 'subject' });
    const script = await bad({ html: '<p>Hi</p><script>alert(1)</script>' });
    expect(script.json()).toMatchObject({ code: 'unsafe_html', field: 'html' });
    const card = await bad({ text: 'Pay with 4111 1111 1111 1111' });
    expect(card.statusCode).toBe(400);
    expect(card.json()).toMatchObject({ code: 'card_number_refused' });
    const cashier = await t.call('POST', '/campaigns', await t.cookieFor('cashier'), {
      name: 'No',
      segmentId,
      ...template,
    });
    expect(cashier.statusCode).toBe(403);
    expect((await t.call('GET', '/campaigns', await t.cookieFor('cashier'))).statusCode).toBe(403);
  });

  it('sends once to each consenting recipient, deciding consent at send time', async () => {
    const created = await t.call('POST', '/campaigns', marketer, {
      name: 'Winter',
      segmentId,
      ...template,
      controlShareBp: 0,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id: string = created.json().campaign.id;
    const preview = await t.call(
      'GET',
      `/campaigns/${id}/preview?customerId=${ids['Ann Granted']}`,
      marketer,
    );
    expect(preview.json().preview.subject).toBe('Hello Ann');

    // Consent withdrawn and an address suppressed after the campaign was made.
    const withdrawn = await t.call(
      'POST',
      `/customers/${ids['Bob Withdraws']}/consents`,
      await t.cookieFor('cashier'),
      { channel: 'email', granted: false, wording: 'No more offers' },
    );
    expect(withdrawn.statusCode, withdrawn.body).toBe(201);
    await suppressMarketing(
      t.deps.db,
      [{ channel: 'email', digest: t.deps.vault.blindIndex('email', 'cy@example.org') }],
      new Date(),
      'unsubscribed',
    );

    const sent = await t.call('POST', `/campaigns/${id}/schedule`, marketer, {});
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().campaign.state).toBe('scheduled');
    await drainCampaigns(t.deps, { retryBaseMillis: 20 });

    const to = smtp.delivered.map((d) => d.envelopeTo[0]).sort();
    expect(to).toEqual(['ann@example.org', 'busy-di@example.org']);
    const ann = smtp.delivered.find((d) => d.envelopeTo[0] === 'ann@example.org')!.mail;
    const header = (key: string) =>
      (ann.headerLines.find((line) => line.key === key)?.line ?? '').replace(/\r\n[ \t]+/g, ' ');
    expect(header('list-unsubscribe')).toMatch(/<https:\/\/shop\.example\/u\/[A-Za-z0-9_-]+>/);
    expect(header('list-unsubscribe-post')).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );

    const results = await t.call('GET', `/campaigns/${id}`, marketer);
    expect(results.statusCode, results.body).toBe(200);
    const body = results.json();
    expect(body.campaign.state).toBe('finished');
    expect(body.results).toMatchObject({
      recipients: 7,
      sent: 2,
      failed: 1,
      skipped: 4,
      control: 0,
      pending: 0,
      skippedByReason: {
        consent_withdrawn: 2,
        suppressed: 1,
        no_consent: 1,
      },
      failedByReason: { smtp_550: 1 },
    });
    const rows = await t.deps.db
      .selectFrom('campaign_recipients')
      .selectAll()
      .where('campaign_id', '=', id)
      .execute();
    const of = (name: string) => rows.find((row) => row.customer_id === ids[name])!;
    // The busy one was refused twice with 451, then accepted on the third attempt.
    expect(of('Di Busy')).toMatchObject({ state: 'sent', attempts: 3 });
    expect(of('Ann Granted').smtp_response).toMatch(/^250/);
    expect(of('Ann Granted').consent_record_id).not.toBeNull();
    // The skip names the withdrawal it relied on.
    const bobConsent = await t.deps.db
      .selectFrom('consent_records')
      .select('id')
      .where('customer_id', '=', ids['Bob Withdraws']!)
      .where('granted', '=', false)
      .executeTakeFirstOrThrow();
    expect(of('Bob Withdraws')).toMatchObject({
      state: 'skipped',
      reason: 'consent_withdrawn',
      consent_record_id: bobConsent.id,
    });
  });

  it('holds back a control group that is never sent anything', async () => {
    smtp.delivered.length = 0;
    for (let i = 0; i < 16; i++) await customer(`Hal ${i}`, `hal${i}@example.org`, true);
    const created = await t.call('POST', '/campaigns', marketer, {
      name: 'Half held back',
      segmentId,
      ...template,
      controlShareBp: 5000,
    });
    const id: string = created.json().campaign.id;
    expect((await t.call('POST', `/campaigns/${id}/schedule`, marketer, {})).statusCode).toBe(200);
    await drainCampaigns(t.deps, { retryBaseMillis: 20 });
    const rows = await t.deps.db
      .selectFrom('campaign_recipients')
      .select(['customer_id', 'state'])
      .where('campaign_id', '=', id)
      .execute();
    const control = rows.filter((row) => row.state === 'control').map((row) => row.customer_id);
    expect(control.length).toBeGreaterThan(2);
    const delivered = new Set(smtp.delivered.map((d) => d.envelopeTo[0]));
    const emailOf = Object.fromEntries(
      Object.entries(ids).map(([name, customerId]) => [customerId, name]),
    );
    for (const customerId of control) {
      const name = emailOf[customerId]!;
      expect(
        [...delivered].some(
          (to) => name.startsWith('Hal') && to === `hal${name.slice(4)}@example.org`,
        ),
      ).toBe(false);
    }
    const results = (await t.call('GET', `/campaigns/${id}`, marketer)).json().results;
    expect(results.control).toBe(control.length);
    expect(results.outcomes.map((o: { group: string; size: number }) => [o.group, o.size])).toEqual(
      [
        ['sent', results.sent],
        ['control', control.length],
      ],
    );
  });

  it('is in the customer export, and erasure keeps the row but wipes the SMTP answer', async () => {
    const customer = { id: ids['Ann Granted']! };
    const exported = await exportCustomer({
      deps: t.deps,
      actor: t.shop.actors.admin,
      customer,
      reason: 'Customer asked for a copy',
    });
    if (!exported.ok) throw new Error(exported.message);
    expect(exported.value.campaigns).toContainEqual(
      expect.objectContaining({ campaignName: 'Winter', state: 'sent' }),
    );
    const erased = await eraseCustomer({
      deps: t.deps,
      actor: t.shop.actors.admin,
      customer,
      input: { reason: 'Customer asked to be forgotten' },
    });
    expect(erased.ok, erased.ok ? '' : erased.message).toBe(true);
    const rows = await t.deps.db
      .selectFrom('campaign_recipients')
      .selectAll()
      .where('customer_id', '=', customer.id)
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toMatchObject({ smtp_response: null, smtp_message_id: null });
      expect(row.state).not.toBe('pending');
    }
  });

  it('pauses, resumes and cancels only where the state allows', async () => {
    const created = await t.call('POST', '/campaigns', marketer, {
      name: 'Later',
      segmentId,
      ...template,
    });
    const id: string = created.json().campaign.id;
    expect((await t.call('POST', `/campaigns/${id}/pause`, marketer)).json()).toMatchObject({
      code: 'campaign_state_conflict',
    });
    const later = new Date(Date.now() + 86_400_000).toISOString();
    const scheduled = await t.call('POST', `/campaigns/${id}/schedule`, marketer, {
      scheduledAt: later,
    });
    expect(scheduled.json().campaign).toMatchObject({ state: 'scheduled', scheduledAt: later });
    expect((await t.call('POST', `/campaigns/${id}/pause`, marketer)).json().campaign.state).toBe(
      'paused',
    );
    expect((await t.call('POST', `/campaigns/${id}/resume`, marketer)).json().campaign.state).toBe(
      'scheduled',
    );
    expect((await t.call('POST', `/campaigns/${id}/cancel`, marketer)).json().campaign.state).toBe(
      'cancelled',
    );
    const edit = await t.call('PUT', `/campaigns/${id}`, marketer, {
      name: 'X',
      segmentId,
      ...template,
    });
    expect(edit.statusCode).toBe(409);
  });

  it('skips a customer who objected to profiling after a profiling campaign started', async () => {
    smtp.delivered.length = 0;
    // A birthday today (28 years back: a leap year too) puts both in a birthday segment,
    // which profiles; an objector is left out of it, and so of its campaign.
    const today = new Date();
    const birthday = `${today.getUTCFullYear() - 28}-${today.toISOString().slice(5, 10)}`;
    await customer('Ivy Objects', 'ivy@example.org', true, birthday);
    await customer('Jo Open', 'jo@example.org', true, birthday);
    const segment = await createCampaignSegment({
      deps: t.deps,
      actor: t.shop.actors.marketer,
      input: { name: 'Birthdays this week', definition: { birthdayDays: 7 } },
    });
    if (!segment.ok) throw new Error(segment.message);
    const created = await t.call('POST', '/campaigns', marketer, {
      name: 'Birthday treat',
      segmentId: segment.value.id,
      ...template,
      controlShareBp: 0,
    });
    const id: string = created.json().campaign.id;
    expect((await t.call('POST', `/campaigns/${id}/schedule`, marketer, {})).statusCode).toBe(200);
    // Started (both are recipients), then Ivy objects before anything is sent.
    await startDueCampaigns(t.deps);
    const objected = await setProfilingObjection({
      deps: t.deps,
      actor: t.shop.actors.admin,
      customerId: ids['Ivy Objects']!,
      objects: true,
      reason: 'Asked not to be profiled',
    });
    expect(objected.ok).toBe(true);
    await drainCampaigns(t.deps, { retryBaseMillis: 20 });

    expect(smtp.delivered.map((d) => d.envelopeTo[0])).toEqual(['jo@example.org']);
    const rows = await t.deps.db
      .selectFrom('campaign_recipients')
      .select(['customer_id', 'state', 'reason'])
      .where('campaign_id', '=', id)
      .execute();
    expect(rows.find((row) => row.customer_id === ids['Ivy Objects'])).toMatchObject({
      state: 'skipped',
      reason: 'objects_to_profiling',
    });
    expect(rows.find((row) => row.customer_id === ids['Jo Open'])).toMatchObject({
      state: 'sent',
    });
    const results = (await t.call('GET', `/campaigns/${id}`, marketer)).json().results;
    expect(results.skippedByReason).toEqual({ objects_to_profiling: 1 });
  });
});
