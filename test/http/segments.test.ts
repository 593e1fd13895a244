import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { createTestCatalogue } from '../support/catalogue.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

type Role = 'cashier' | 'marketer' | 'admin';

describe.each(testDatabases())('segments API on $name', (database) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let cookies: Record<Role, string>;
  let segmentId: string;
  const call: TestApp['call'] = (...args) => t.call(...args);

  beforeAll(async () => {
    handle = await database.open();
    t = await buildTestApp(handle);
    cookies = {
      cashier: await t.cookieFor('cashier'),
      marketer: await t.cookieFor('marketer'),
      admin: await t.cookieFor('admin'),
    };
    for (const [name, email] of [
      ['Ann Email', 'ann@example.com'],
      ['Bob Nomail', null],
    ] as const) {
      const created = await call('POST', '/customers', cookies.cashier, {
        name,
        ...(email ? { email } : {}),
      });
      expect(created.statusCode).toBe(201);
    }
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('refuses a cashier every /segments route', async () => {
    const id = '01937a2b-0000-7000-8000-000000000001';
    const attempts = [
      call('GET', '/segments', cookies.cashier),
      call('POST', '/segments/count', cookies.cashier, { definition: {} }),
      call('POST', '/segments', cookies.cashier, { name: 'All', definition: {} }),
      call('GET', `/segments/${id}`, cookies.cashier),
      call('PATCH', `/segments/${id}`, cookies.cashier, { name: 'x' }),
      call('DELETE', `/segments/${id}`, cookies.cashier),
      call('GET', `/segments/${id}/preview`, cookies.cashier),
    ];
    for (const response of await Promise.all(attempts)) expect(response.statusCode).toBe(403);
  });

  it('counts a definition live, and names the field at fault', async () => {
    const all = await call('POST', '/segments/count', cookies.marketer, { definition: {} });
    expect(all.statusCode).toBe(200);
    expect(all.json()).toEqual({ count: 2 });
    const none = await call('POST', '/segments/count', cookies.marketer, {
      definition: { emailConsent: 'none', groupId: null },
    });
    expect(none.json()).toEqual({ count: 2 });
    const bad: [object, number, string, string][] = [
      [{ spendMin: -5 }, 400, 'validation_failed', 'definition.spendMin'],
      [{ spendMin: 1.5 }, 400, 'validation_failed', 'definition.spendMin'],
      [{ spendMin: 500, spendMax: 100 }, 400, 'validation_failed', 'definition.spendMax'],
      [{ visitsMin: 5, visitsMax: 1 }, 400, 'validation_failed', 'definition.visitsMax'],
      [{ colour: 'red' }, 400, 'validation_failed', 'definition.colour'],
      [{ rfmSegment: 'Kings' }, 400, 'validation_failed', 'definition.rfmSegment'],
      [{ lastVisitBefore: '2026-13-01' }, 400, 'validation_failed', 'definition.lastVisitBefore'],
      [
        { lastVisitAfter: '2026-05-01', lastVisitBefore: '2026-04-01' },
        400,
        'validation_failed',
        'definition.lastVisitBefore',
      ],
      [
        { boughtBrand: '4111 1111 1111 1111' },
        400,
        'card_number_refused',
        'definition.boughtBrand',
      ],
      [
        { groupId: '01937a2b-0000-7000-8000-000000000001' },
        404,
        'group_not_found',
        'definition.groupId',
      ],
      [
        { outletId: '01937a2b-0000-7000-8000-000000000001' },
        404,
        'outlet_not_found',
        'definition.outletId',
      ],
    ];
    for (const [definition, status, code, field] of bad) {
      const answer = await call('POST', '/segments/count', cookies.marketer, { definition });
      expect({ definition, status: answer.statusCode, body: answer.json() }).toMatchObject({
        definition,
        status,
        body: { code, field },
      });
    }
  });

  it('saves, lists, renames, previews and deletes a segment, audited', async () => {
    const saved = await call('POST', '/segments', cookies.marketer, {
      name: ' No consent yet ',
      definition: { emailConsent: 'none' },
    });
    expect(saved.statusCode).toBe(201);
    const segment = saved.json().segment;
    segmentId = segment.id;
    expect(segment).toMatchObject({
      name: 'No consent yet',
      definition: { emailConsent: 'none' },
      source: 'criteria',
    });
    const again = await call('POST', '/segments', cookies.admin, {
      name: 'No consent yet',
      definition: {},
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'segment_name_taken', field: 'name' });

    const renamed = await call('PATCH', `/segments/${segmentId}`, cookies.marketer, {
      name: 'Ask for consent',
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().segment).toMatchObject({
      name: 'Ask for consent',
      definition: { emailConsent: 'none' },
    });
    const badChange = await call('PATCH', `/segments/${segmentId}`, cookies.marketer, {
      definition: { topPercent: 0 },
    });
    expect(badChange.statusCode).toBe(400);
    expect(badChange.json()).toMatchObject({ field: 'definition.topPercent' });
    const empty = await call('PATCH', `/segments/${segmentId}`, cookies.marketer, {});
    expect(empty.statusCode).toBe(400);

    const listed = await call('GET', '/segments', cookies.marketer);
    expect(listed.json().segments.map((entry: { name: string }) => entry.name)).toEqual([
      'Ask for consent',
    ]);
    const got = await call('GET', `/segments/${segmentId}`, cookies.marketer);
    expect(got.json().segment.id).toBe(segmentId);

    const preview = await call(
      'GET',
      `/segments/${segmentId}/preview?pageSize=1`,
      cookies.marketer,
    );
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(preview.json().items).toHaveLength(1);
    // Names and numbers only: no contact detail in any form.
    expect(Object.keys(preview.json().items[0]).sort()).toEqual(['customerId', 'name', 'number']);
    expect(preview.body).not.toContain('example.com');

    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_id', '=', segmentId)
      .execute();
    expect(audit.map((row) => row.action).sort()).toEqual(['segment.saved', 'segment.updated']);

    const deleted = await call('DELETE', `/segments/${segmentId}`, cookies.marketer);
    expect(deleted.statusCode).toBe(204);
    const gone = await call('GET', `/segments/${segmentId}/preview`, cookies.marketer);
    expect(gone.statusCode).toBe(404);
    const deletedAgain = await call('DELETE', `/segments/${segmentId}`, cookies.marketer);
    expect(deletedAgain.statusCode).toBe(404);
  });

  it('lists a segment saved from the Insights page as its criteria, and keeps it there', async () => {
    const saved = await call('POST', '/insights/segments', cookies.marketer, {
      name: 'Lapsed everywhere',
      definition: { list: 'lapsed', outletId: null },
    });
    expect(saved.statusCode).toBe(201);
    const criteria = await call('POST', '/segments', cookies.marketer, {
      name: 'Everyone',
      definition: {},
    });
    expect(criteria.statusCode).toBe(201);
    const listed = (await call('GET', '/segments', cookies.marketer)).json().segments;
    expect(listed).toEqual([
      expect.objectContaining({ name: 'Everyone', source: 'criteria' }),
      expect.objectContaining({
        name: 'Lapsed everywhere',
        source: 'insights_list',
        definition: { lapsed: true },
      }),
    ]);
    // The Insights page lists its own filters only; its answer shape is unchanged.
    const insights = await call('GET', '/insights/segments', cookies.marketer);
    expect(insights.statusCode).toBe(200);
    expect(insights.json().segments.map((entry: { name: string }) => entry.name)).toEqual([
      'Lapsed everywhere',
    ]);
  });

  it('refuses to delete a segment something (a campaign) was made from, with 409', async () => {
    const saved = await call('POST', '/segments', cookies.marketer, {
      name: 'Used by a campaign',
      definition: { emailConsent: 'granted' },
    });
    const id: string = saved.json().segment.id;
    // A stand-in for the campaigns table: any row referring to the segment.
    await sql`CREATE TABLE segment_users_for_test (
      segment_id uuid REFERENCES customer_segments (id))`.execute(t.deps.db);
    await sql`INSERT INTO segment_users_for_test VALUES (${id})`.execute(t.deps.db);
    const refused = await call('DELETE', `/segments/${id}`, cookies.marketer);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'segment_in_use' });
    expect((await call('GET', `/segments/${id}`, cookies.marketer)).statusCode).toBe(200);
    await sql`DROP TABLE segment_users_for_test`.execute(t.deps.db);
    expect((await call('DELETE', `/segments/${id}`, cookies.marketer)).statusCode).toBe(204);
  });

  it('offers the catalogue categories and brands to pick from', async () => {
    await createTestCatalogue(t.deps.db);
    const choices = await call('GET', '/segments/choices', cookies.marketer);
    expect(choices.statusCode).toBe(200);
    expect(choices.json()).toEqual({
      categories: ['accessories', 'books', 'denim', 'tops'],
      brands: ['Harbour', "Levi's"],
    });
    expect((await call('GET', '/segments/choices', cookies.cashier)).statusCode).toBe(403);
  });

  it('answers a malformed id with 400, not 500', async () => {
    const answer = await call('GET', '/segments/not-an-id/preview', cookies.marketer);
    expect(answer.statusCode).toBe(400);
  });
});
