import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseCustomer } from '../../src/services/customers/customer-erasure.ts';
import { createCampaignSegment } from '../../src/services/segments/segments.ts';
import { insertConsentRecords } from '../../src/store/consents.ts';
import { suppressMarketing } from '../../src/store/customer-erasure.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

/**
 * The SMS export through the API on a real database: who is in it (latest SMS consent
 * given and not stale, active, with a phone not suppressed), who may take it, and the
 * audit entry that counts it without a number.
 */
describe.each(testDatabases())('segment SMS export on $name', (database) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let marketer: string;
  let segmentId: string;
  const ids: Record<string, string> = {};

  async function customer(name: string, phone: string | null, sms: boolean | null) {
    const created = await t.call('POST', '/customers', await t.cookieFor('cashier'), {
      name,
      ...(phone === null ? {} : { phone }),
      consents: sms === null ? [] : [{ channel: 'sms', granted: sms, wording: 'Texts' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    ids[name] = created.json().customer.id;
  }

  beforeAll(async () => {
    handle = await database.open();
    t = await buildTestApp(handle);
    marketer = await t.cookieFor('marketer');
    await customer('Ann Texts', '+44 7911 123101', true);
    await customer('=Formula Fan', '+44 7911 123102', true);
    await customer('Bob Withdrew', '+44 7911 123103', true);
    await customer('Cy Stale', '+44 7911 123104', null);
    await customer('Di Erased', '+44 7911 123105', true);
    await customer('Ed No Phone', null, true);
    await customer('Flo Never Asked', '+44 7911 123106', null);
    await customer('Gus Suppressed', '+44 7911 123107', true);
    const withdrawn = await t.call(
      'POST',
      `/customers/${ids['Bob Withdrew']}/consents`,
      await t.cookieFor('cashier'),
      { channel: 'sms', granted: false, wording: 'No more texts' },
    );
    expect(withdrawn.statusCode, withdrawn.body).toBe(201);
    // Given three years ago (records are append-only, so it is written with that date):
    // past the 24 months consent lasts by default.
    await insertConsentRecords(t.deps.db, [
      {
        customerId: ids['Cy Stale']!,
        channel: 'sms',
        granted: true,
        wording: 'Texts',
        staffId: null,
        apiKeyId: null,
        outletId: null,
        source: 'test',
        at: new Date(Date.now() - 3 * 365 * 86_400_000),
      },
    ]);
    const erased = await eraseCustomer({
      deps: t.deps,
      actor: t.shop.actors.admin,
      customer: { id: ids['Di Erased']! },
      input: { reason: 'Asked to be forgotten' },
    });
    expect(erased.ok).toBe(true);
    await suppressMarketing(
      t.deps.db,
      [{ channel: 'sms', digest: t.deps.vault.blindIndex('phone', '+447911123107') }],
      new Date(),
      'unsubscribed',
    );
    const segment = await createCampaignSegment({
      deps: t.deps,
      actor: t.shop.actors.marketer,
      input: { name: 'Everyone', definition: {} },
    });
    if (!segment.ok) throw new Error(segment.message);
    segmentId = segment.value.id;
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('lists only consenting, non-stale, active customers with a phone, in E.164', async () => {
    const answer = await t.call('GET', `/segments/${segmentId}/sms-export`, marketer);
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/csv/);
    expect(answer.headers['content-disposition']).toMatch(/^attachment; filename=/);
    const lines = answer.body.trim().split(/\r?\n/);
    expect(lines[0]).toBe('customer_number,name,phone');
    const rows = lines.slice(1).map((line) => line.split(','));
    expect(rows.map((row) => row.slice(1)).sort()).toEqual([
      ["'=Formula Fan", '+447911123102'],
      ['Ann Texts', '+447911123101'],
    ]);
    for (const row of rows) expect(row[0]).toMatch(/^\d+$/);
  });

  it('is audited with the count and never a number', async () => {
    const entries = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'segment.sms_exported')
      .execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ subject_id: segmentId });
    expect(entries[0]!.detail).toMatchObject({ count: 2, complete: true });
    expect(JSON.stringify(entries)).not.toMatch(/7911|123101|123102/);
  });

  it('is refused to a cashier and a supervisor, and names an unknown segment', async () => {
    for (const role of ['cashier', 'supervisor'] as const) {
      const answer = await t.call(
        'GET',
        `/segments/${segmentId}/sms-export`,
        await t.cookieFor(role),
      );
      expect(answer.statusCode).toBe(403);
    }
    const unknown = await t.call('GET', `/segments/${randomUUID()}/sms-export`, marketer);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'not_found' });
  });
});
