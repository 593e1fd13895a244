import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unsubscribeSource } from '../../src/services/campaigns/unsubscribe.ts';
import { issueUnsubscribeToken } from '../../src/services/campaigns/unsubscribe-tokens.ts';
import { createContactVault } from '../../src/services/platform/contact-vault.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { newId } from '../../src/store/ids.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

const oneClick = {
  'content-type': 'application/x-www-form-urlencoded',
};

/** RFC 8058 one-click unsubscribe: GET shows a page, POST unsubscribes once, bad links 400. */
describe.each(testDatabases())('unsubscribe links on $name', (database) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let customerId: string;
  let token: string;
  const campaignId = newId();
  const email = 'ulla@example.org';

  const tokenFor = (id: string, issuedAt = new Date()) =>
    issueUnsubscribeToken(t.deps.vault, { campaignId, customerId: id, issuedAt });
  const post = (path: string, payload = 'List-Unsubscribe=One-Click', headers = oneClick) =>
    t.app.inject({ method: 'POST', url: path, headers, payload });
  const recorded = async () => ({
    consents: await handle.db
      .selectFrom('consent_records')
      .select(['granted', 'source', 'staff_id'])
      .where('customer_id', '=', customerId)
      .where('channel', '=', 'email')
      .orderBy('recorded_at')
      .orderBy('id')
      .execute(),
    suppressions: await handle.db
      .selectFrom('marketing_suppressions')
      .select(['channel', 'digest', 'reason'])
      .where('digest', '=', t.deps.vault.blindIndex('email', email))
      .execute(),
  });

  beforeAll(async () => {
    handle = await database.open();
    t = await buildTestApp(handle);
    const cashier = await t.cookieFor('cashier');
    const created = await t.call('POST', '/customers', cashier, {
      name: 'Ulla Unsub',
      email,
      consents: [{ channel: 'email', granted: true, wording: 'Yes to offers by email' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    customerId = created.json().customer.id;
    token = tokenFor(customerId);
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('GET shows a confirm page with a button that posts, and changes nothing', async () => {
    const before = await recorded();
    const shown = await t.app.inject({ method: 'GET', url: `/u/${token}` });
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['content-type']).toContain('text/html');
    expect(shown.headers['referrer-policy']).toBe('no-referrer');
    expect(shown.body).toContain(`<form method="post" action="/u/${token}">`);
    expect(shown.body).toContain('name="List-Unsubscribe" value="One-Click"');
    expect(await recorded()).toEqual(before);
  });

  it('POST withdraws email consent and suppresses the address, exactly once', async () => {
    const first = await post(`/u/${token}`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.body).toContain('You are unsubscribed');
    const second = await post(`/u/${token}`);
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('already unsubscribed');

    const { consents, suppressions } = await recorded();
    expect(consents).toEqual([
      { granted: true, source: 'till', staff_id: expect.any(String) },
      { granted: false, source: unsubscribeSource(campaignId), staff_id: null },
    ]);
    expect(suppressions).toEqual([
      { channel: 'email', digest: t.deps.vault.blindIndex('email', email), reason: 'unsubscribed' },
    ]);
    const history = await t.call(
      'GET',
      `/customers/${customerId}/consents`,
      await t.cookieFor('admin'),
    );
    expect(history.json().current).toContainEqual(
      expect.objectContaining({ channel: 'email', granted: false }),
    );
  });

  it('writes once when several clicks arrive at the same moment', async () => {
    const cashier = await t.cookieFor('cashier');
    const created = await t.call('POST', '/customers', cashier, {
      name: 'Rapid Clicker',
      email: 'rapid@example.org',
      consents: [{ channel: 'email', granted: true, wording: 'Yes to offers by email' }],
    });
    const id = created.json().customer.id;
    const link = `/u/${tokenFor(id)}`;
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(link)));
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.filter((answer) => answer.body.includes('You are unsubscribed'))).toHaveLength(
      1,
    );
    const withdrawals = await handle.db
      .selectFrom('consent_records')
      .select('id')
      .where('customer_id', '=', id)
      .where('granted', '=', false)
      .execute();
    expect(withdrawals).toHaveLength(1);
    const digest = t.deps.vault.blindIndex('email', 'rapid@example.org');
    const suppressed = await handle.db
      .selectFrom('marketing_suppressions')
      .select('reason')
      .where('digest', '=', digest)
      .execute();
    expect(suppressed).toEqual([{ reason: 'unsubscribed' }]);
  });

  it('follows a customer merged into another: the survivor is unsubscribed', async () => {
    const cashier = await t.cookieFor('cashier');
    const make = async (name: string, mail: string) => {
      const created = await t.call('POST', '/customers', cashier, {
        name,
        email: mail,
        consents: [{ channel: 'email', granted: true, wording: 'Yes to offers by email' }],
      });
      return created.json().customer.id as string;
    };
    const survivor = await make('Mo Survivor', 'mo@example.org');
    const merged = await make('Mo Duplicate', 'mo.dup@example.org');
    const link = `/u/${tokenFor(merged)}`;
    const joined = await t.call(
      'POST',
      `/customers/${survivor}/merge`,
      await t.cookieFor('admin'),
      {
        otherCustomerId: merged,
      },
    );
    expect(joined.statusCode, joined.body).toBe(200);
    expect((await post(link)).body).toContain('You are unsubscribed');
    const latest = await handle.db
      .selectFrom('consent_records')
      .select(['granted', 'source'])
      .where('customer_id', '=', survivor)
      .where('channel', '=', 'email')
      .orderBy('recorded_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(latest).toEqual({ granted: false, source: unsubscribeSource(campaignId) });
  });

  it('takes a multipart one-click POST as mail clients may send it', async () => {
    const boundary = 'x1';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`;
    const answer = await post(`/u/${token}`, body, {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toContain('already unsubscribed');
  });

  it('refuses forged, cut-short and expired links with a 400 page, recording nothing', async () => {
    const before = await recorded();
    const other = createContactVault(Buffer.alloc(32, 9));
    const forged = issueUnsubscribeToken(other, { campaignId, customerId, issuedAt: new Date() });
    const expired = tokenFor(customerId, new Date(Date.now() - 366 * 86_400_000));
    for (const bad of [forged, token.slice(0, 60), expired, 'x']) {
      for (const method of ['GET', 'POST'] as const) {
        const answer =
          method === 'GET'
            ? await t.app.inject({ method, url: `/u/${bad}` })
            : await post(`/u/${bad}`);
        expect(answer.statusCode, `${method} ${bad}`).toBe(400);
        expect(answer.headers['content-type']).toContain('text/html');
        expect(answer.body).toContain('This link does not work');
      }
    }
    const stale = await post(`/u/${expired}`);
    expect(stale.body).toContain('no longer works');
    expect(await recorded()).toEqual(before);
  });

  it('keeps the address suppressed after the customer is erased', async () => {
    const admin = await t.cookieFor('admin');
    const erased = await t.call('POST', `/customers/${customerId}/erase`, admin, {
      reason: 'Asked at the till to be forgotten',
    });
    expect(erased.statusCode, erased.body).toBe(200);
    expect((await recorded()).suppressions).toEqual([
      { channel: 'email', digest: t.deps.vault.blindIndex('email', email), reason: 'unsubscribed' },
    ]);
    const again = await post(`/u/${token}`);
    expect(again.body).toContain('already unsubscribed');
  });
});
