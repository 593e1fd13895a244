import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueReconfirmToken } from '../../src/services/campaigns/reconfirm-tokens.ts';
import { reconfirmSource } from '../../src/services/campaigns/reconfirm.ts';
import { issueUnsubscribeToken } from '../../src/services/campaigns/unsubscribe-tokens.ts';
import { setCurrentConsentWording } from '../../src/services/customers/consent-wordings.ts';
import { recordConsent } from '../../src/services/customers/consents.ts';
import { createContactVault } from '../../src/services/platform/contact-vault.ts';
import { createCampaignSegment } from '../../src/services/segments/segments.ts';
import { suppressMarketing } from '../../src/store/customer-erasure.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { configureTestMail, drainCampaigns } from '../support/campaigns.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp.ts';

/**
 * Re-permission (issue 14 item 6) end to end on a real database and a real SMTP server:
 * the stale state of the segment criterion, which recipients each purpose reaches, and
 * the re-confirm link followed from the received email (GET changes nothing, POST
 * records consent once, the customer is no longer stale).
 */
const oldWording = 'Offers by email (2023 wording)';
const wording = 'We may email you offers and news. Unsubscribe at any time.';
const threeYearsAgo = new Date(Date.now() - 3 * 365 * 86_400_000);

const marketing = {
  subject: 'Hello {{firstName}}',
  html: '<p>Hi {{firstName}}</p><a href="{{unsubscribeUrl}}">Unsubscribe</a>',
  text: 'Hi {{firstName}}. Unsubscribe: {{unsubscribeUrl}}',
};
const repermission = {
  purpose: 'repermission',
  subject: 'Shall we keep in touch, {{firstName}}?',
  html: '<p>Hi {{firstName}}</p><a href="{{reconfirm_link}}">Yes, keep sending me emails</a> <a href="{{unsubscribeUrl}}">Unsubscribe</a>',
  text: 'Hi {{firstName}}. Confirm: {{reconfirm_link}} Unsubscribe: {{unsubscribeUrl}}',
};

describe.each(testDatabases())('re-permission campaigns on $name', (database) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let smtp: TestSmtpServer;
  let marketer: string;
  let everyone: string;
  let stale: string;
  const ids: Record<string, string> = {};

  /** A customer with email consent given (or withdrawn) at `at` under `text`. */
  async function customer(
    name: string,
    consents: { granted: boolean; text: string; at: Date }[],
  ): Promise<void> {
    const created = await t.call('POST', '/customers', await t.cookieFor('cashier'), {
      name,
      email: `${name.split(' ')[0]!.toLowerCase()}@example.org`,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id: string = created.json().customer.id;
    ids[name] = id;
    for (const consent of consents) {
      const recorded = await recordConsent({
        deps: { ...t.deps, now: () => consent.at },
        actor: t.shop.actors.cashier,
        customerId: id,
        input: { channel: 'email', granted: consent.granted, wording: consent.text },
      });
      expect(recorded.ok).toBe(true);
    }
  }

  const count = async (emailConsent: string) => {
    const answer = await t.call('POST', '/segments/count', marketer, {
      definition: { emailConsent },
    });
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json().count as number;
  };
  const emailConsents = (name: string) =>
    handle.db
      .selectFrom('consent_records')
      .select(['granted', 'source', 'wording', 'wording_id'])
      .where('customer_id', '=', ids[name]!)
      .where('channel', '=', 'email')
      .orderBy('recorded_at')
      .orderBy('id')
      .execute();
  const linkIn = (to: string, pattern: RegExp) => {
    const mail = smtp.delivered.find((d) => d.envelopeTo[0] === to)?.mail;
    const url = mail?.text?.match(pattern)?.[0];
    if (!url) throw new Error(`no link in the message to ${to}`);
    return new URL(url).pathname;
  };
  const postForm = (path: string, form: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(form).toString(),
    });
  const wordingFieldOf = (html: string) => /name="wording" value="([^"]+)"/.exec(html)?.[1] ?? '';

  async function campaign(name: string, segmentId: string, body: object): Promise<string> {
    const created = await t.call('POST', '/campaigns', marketer, {
      name,
      segmentId,
      controlShareBp: 0,
      ...body,
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json().campaign.id;
  }
  async function send(id: string): Promise<void> {
    expect((await t.call('POST', `/campaigns/${id}/schedule`, marketer, {})).statusCode).toBe(200);
    await drainCampaigns(t.deps, { retryBaseMillis: 20 });
  }
  const recipients = async (id: string) =>
    Object.fromEntries(
      (
        await handle.db
          .selectFrom('campaign_recipients')
          .select(['customer_id', 'state', 'reason'])
          .where('campaign_id', '=', id)
          .execute()
      ).map((row) => [
        Object.keys(ids).find((name) => ids[name] === row.customer_id),
        row.reason ?? row.state,
      ]),
    );

  beforeAll(async () => {
    handle = await database.open();
    t = await buildTestApp(handle);
    smtp = await startTestSmtpServer();
    marketer = await t.cookieFor('marketer');
    await configureTestMail(t.deps, {
      admin: t.shop.actors.admin,
      port: smtp.port,
      ratePerSecond: 200,
    });
    const now = new Date();
    // Wendy agreed under the shop's first wording, which is then replaced.
    await customer('Wendy Wording', [{ granted: true, text: oldWording, at: now }]);
    const changed = await setCurrentConsentWording({
      deps: t.deps,
      actor: t.shop.actors.admin,
      channel: 'email',
      text: wording,
    });
    expect(changed.ok).toBe(true);
    await customer('Ann Fresh', [{ granted: true, text: wording, at: now }]);
    await customer('Oscar Old', [{ granted: true, text: wording, at: threeYearsAgo }]);
    await customer('Will Withdrew', [
      { granted: true, text: wording, at: threeYearsAgo },
      { granted: false, text: 'No more offers', at: now },
    ]);
    await customer('Nora Never', []);
    await customer('Sue Suppressed', [{ granted: true, text: wording, at: threeYearsAgo }]);
    await suppressMarketing(
      t.deps.db,
      [{ channel: 'email', digest: t.deps.vault.blindIndex('email', 'sue@example.org') }],
      now,
      'unsubscribed',
    );
    for (const [name, definition] of [
      ['Everyone', {}],
      ['Stale email consent', { emailConsent: 'stale' }],
    ] as const) {
      const segment = await createCampaignSegment({
        deps: t.deps,
        actor: t.shop.actors.marketer,
        input: { name, definition },
      });
      if (!segment.ok) throw new Error(segment.message);
      if (name === 'Everyone') everyone = segment.value.id;
      else stale = segment.value.id;
    }
  });
  afterAll(async () => {
    await smtp.close();
    await t.app.close();
    await handle.close();
  });

  it('counts stale consent: given, but too old or under a replaced wording', async () => {
    expect(await count('stale')).toBe(3); // Wendy (wording), Oscar (age), Sue (age)
    expect(await count('granted')).toBe(4); // stale consent is still consent given
    expect(await count('withdrawn')).toBe(1);
    expect(await count('none')).toBe(1);
    const preview = await t.call('GET', `/segments/${stale}/preview`, marketer);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(
      preview
        .json()
        .items.map((item: { name: string }) => item.name)
        .sort(),
    ).toEqual(['Oscar Old', 'Sue Suppressed', 'Wendy Wording']);
  });

  it('refuses a re-permission template without the link, and a marketing one with it', async () => {
    const bad = (body: object) =>
      t.call('POST', '/campaigns', marketer, { name: 'Bad', segmentId: stale, ...body });
    const noLink = await bad({ ...marketing, purpose: 'repermission' });
    expect(noLink.statusCode).toBe(400);
    expect(noLink.json()).toMatchObject({ code: 'reconfirm_link_required', field: 'html' });
    expect(noLink.json().detail).toContain('{{reconfirm_link}}');
    const noTextLink = await bad({ ...repermission, text: 'Hi {{unsubscribeUrl}}' });
    expect(noTextLink.json()).toMatchObject({ code: 'reconfirm_link_required', field: 'text' });
    const marketingWithLink = await bad({ ...repermission, purpose: 'marketing' });
    expect(marketingWithLink.json()).toMatchObject({
      code: 'reconfirm_link_not_allowed',
      field: 'html',
    });
    const unknown = await bad({ ...marketing, purpose: 'spam' });
    expect(unknown.statusCode).toBe(400);
    const plain = await t.call('POST', '/campaigns', marketer, {
      name: 'Default purpose',
      segmentId: everyone,
      ...marketing,
    });
    expect(plain.json().campaign.purpose).toBe('marketing');
  });

  it('a marketing campaign keeps to usable consent: stale consent is skipped', async () => {
    const id = await campaign('Marketing', everyone, marketing);
    await send(id);
    expect(await recipients(id)).toEqual({
      'Ann Fresh': 'sent',
      'Oscar Old': 'consent_stale',
      'Wendy Wording': 'consent_stale',
      'Sue Suppressed': 'consent_stale',
      'Will Withdrew': 'consent_withdrawn',
      'Nora Never': 'no_consent',
    });
  });

  it('a re-permission campaign reaches stale consent only, and its link re-confirms it', async () => {
    smtp.delivered.length = 0;
    const id = await campaign('Still with us?', everyone, repermission);
    await send(id);
    expect(await recipients(id)).toEqual({
      'Ann Fresh': 'consent_not_stale',
      'Oscar Old': 'sent',
      'Wendy Wording': 'sent',
      'Sue Suppressed': 'suppressed',
      'Will Withdrew': 'consent_withdrawn',
      'Nora Never': 'no_consent',
    });
    expect(smtp.delivered.map((d) => d.envelopeTo[0]).sort()).toEqual([
      'oscar@example.org',
      'wendy@example.org',
    ]);

    const link = linkIn('oscar@example.org', /https:\/\/shop\.example\/r\/[A-Za-z0-9_-]+/);
    const html = smtp.delivered.find((d) => d.envelopeTo[0] === 'oscar@example.org')!.mail.html;
    expect(html).toContain(`href="https://shop.example${link}"`);
    const before = await emailConsents('Oscar Old');

    // A GET (a mail scanner, a link preview, the person opening it) changes nothing.
    const shown = await t.app.inject({ method: 'GET', url: link });
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['referrer-policy']).toBe('no-referrer');
    expect(shown.body).toContain('Yes, keep sending me emails');
    expect(shown.body).toContain(wording);
    expect(shown.body).toContain(`<form method="post" action="${link}">`);
    expect(await emailConsents('Oscar Old')).toEqual(before);

    const confirmed = await postForm(link, { wording: wordingFieldOf(shown.body) });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.body).toContain('Thank you');
    const after = await emailConsents('Oscar Old');
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toMatchObject({
      granted: true,
      source: reconfirmSource(id),
      wording,
      wording_id: wordingFieldOf(shown.body),
    });
    expect(await count('stale')).toBe(2);

    // The link again: nothing more to record.
    const again = await postForm(link, { wording: wordingFieldOf(shown.body) });
    expect(again.body).toContain('already confirmed');
    expect(await emailConsents('Oscar Old')).toHaveLength(after.length);

    const results = (await t.call('GET', `/campaigns/${id}`, marketer)).json();
    expect(results.campaign.purpose).toBe('repermission');
    expect(results.results).toMatchObject({ sent: 2, reconfirmations: 1, unsubscribes: 0 });
  });

  it('records five quick clicks once', async () => {
    const link = linkIn('wendy@example.org', /https:\/\/shop\.example\/r\/[A-Za-z0-9_-]+/);
    const shown = await t.app.inject({ method: 'GET', url: link });
    const form = { wording: wordingFieldOf(shown.body) };
    const answers = await Promise.all(Array.from({ length: 5 }, () => postForm(link, form)));
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.filter((answer) => answer.body.includes('Thank you'))).toHaveLength(1);
    const given = (await emailConsents('Wendy Wording')).filter((r) => r.source !== 'till');
    expect(given).toHaveLength(1);
    expect(await count('stale')).toBe(1); // Sue only
  });

  it('records nothing for someone who withdrew or whose address is suppressed', async () => {
    const campaignId = ids['Ann Fresh']!; // any UUID: the token only has to be genuine
    for (const [name, says] of [
      ['Will Withdrew', 'You are not on our email list'],
      ['Sue Suppressed', 'You are not on our email list'],
      ['Nora Never', 'You are not on our email list'],
    ] as const) {
      const token = issueReconfirmToken(t.deps.vault, {
        campaignId,
        customerId: ids[name]!,
        issuedAt: new Date(),
      });
      const before = await emailConsents(name);
      const shown = await t.app.inject({ method: 'GET', url: `/r/${token}` });
      expect(shown.body).toContain(says);
      expect(shown.body).not.toContain('<form');
      const posted = await postForm(`/r/${token}`, { wording: 'anything' });
      expect(posted.statusCode).toBe(200);
      expect(posted.body).toContain(says);
      expect(await emailConsents(name)).toEqual(before);
    }
  });

  it('asks again when the form did not show the current wording', async () => {
    await customer('Pat Patient', [{ granted: true, text: wording, at: threeYearsAgo }]);
    const pat = issueReconfirmToken(t.deps.vault, {
      campaignId: ids['Ann Fresh']!,
      customerId: ids['Pat Patient']!,
      issuedAt: new Date(),
    });
    const before = await emailConsents('Pat Patient');
    const bare = await postForm(`/r/${pat}`, {});
    expect(bare.body).toContain('Yes, keep sending me emails');
    const old = await postForm(`/r/${pat}`, { wording: '00000000-0000-7000-8000-000000000000' });
    expect(old.body).toContain('Our wording changed');
    expect(await emailConsents('Pat Patient')).toEqual(before);
  });

  it('refuses forged, expired and other-purpose tokens with a page, recording nothing', async () => {
    const claim = {
      campaignId: ids['Ann Fresh']!,
      customerId: ids['Pat Patient']!,
      issuedAt: new Date(),
    };
    const genuine = issueReconfirmToken(t.deps.vault, claim);
    const before = await emailConsents('Pat Patient');
    const otherShop = issueReconfirmToken(createContactVault(Buffer.alloc(32, 9)), claim);
    const unsubscribeToken = issueUnsubscribeToken(t.deps.vault, claim);
    const tampered = genuine.slice(0, 30) + (genuine[30] === 'A' ? 'B' : 'A') + genuine.slice(31);
    const expired = issueReconfirmToken(t.deps.vault, {
      ...claim,
      issuedAt: new Date(Date.now() - 61 * 86_400_000),
    });
    for (const token of [otherShop, unsubscribeToken, tampered, 'short', expired]) {
      for (const method of ['GET', 'POST'] as const) {
        const answer =
          method === 'GET'
            ? await t.app.inject({ method, url: `/r/${token}` })
            : await postForm(`/r/${token}`, { wording: 'x' });
        expect(answer.statusCode, `${method} ${token}`).toBe(400);
        expect(answer.headers['content-type']).toContain('text/html');
        expect(answer.body).toContain('This link does not work');
        expect(answer.body).not.toContain('<form');
      }
    }
    const old = await t.app.inject({ method: 'GET', url: `/r/${expired}` });
    expect(old.body).toContain('more than 60 days old');
    // Nor does a re-confirm token unsubscribe anyone.
    const crossed = await postForm(`/u/${genuine}`, { 'List-Unsubscribe': 'One-Click' });
    expect(crossed.statusCode).toBe(400);
    expect(await emailConsents('Pat Patient')).toEqual(before);
  });

  it('escapes the wording on the page', async () => {
    const changed = await setCurrentConsentWording({
      deps: t.deps,
      actor: t.shop.actors.admin,
      channel: 'email',
      text: 'Offers <script>alert(1)</script> & "news"',
    });
    expect(changed.ok).toBe(true);
    const token = issueReconfirmToken(t.deps.vault, {
      campaignId: ids['Ann Fresh']!,
      customerId: ids['Pat Patient']!,
      issuedAt: new Date(),
    });
    const shown = await t.app.inject({ method: 'GET', url: `/r/${token}` });
    expect(shown.body).toContain(
      'Offers &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;news&quot;',
    );
    expect(shown.body).not.toContain('<script>');
  });

  it('limits how fast one address may try links, like the unsubscribe link', async () => {
    const answers = await Promise.all(
      Array.from({ length: 61 }, () => t.app.inject({ method: 'GET', url: '/r/guess' })),
    );
    expect(answers.some((answer) => answer.statusCode === 429)).toBe(true);
  });
});
