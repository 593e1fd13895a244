import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCardNumber } from '../../src/domain/customer-number.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

describe.each(testDatabases())('customer API on $name', (database) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let cashier: { cookie: string };

  beforeAll(async () => {
    handle = await database.open();
    t = await buildTestApp(handle);
    cashier = { cookie: await t.cookieFor('cashier') };
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('creates at the till, warns about duplicates, and finds the customer again', async () => {
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: cashier,
      payload: {
        name: 'Grace Hopper',
        phone: '07911 123246',
        consents: [{ channel: 'email', granted: true, wording: 'Email me offers' }],
      },
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      customer: { name: 'Grace Hopper', consents: [{ channel: 'email', granted: true }] },
      duplicates: [],
    });
    const precheck = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers/duplicates',
      headers: cashier,
      payload: { phone: '+447911123246' },
    });
    expect(precheck.json().duplicates).toEqual([
      expect.objectContaining({ name: 'Grace Hopper', matchedOn: 'phone' }),
    ]);
    const found = await t.app.inject({
      url: '/api/v1/customers/search?q=grace%20ho',
      headers: cashier,
    });
    expect(found.json().results[0]).toMatchObject({
      matchedBy: 'name_prefix',
      customer: { name: 'Grace Hopper' },
    });
  });

  it('answers bad input with problem+json naming the field, and writes nothing', async () => {
    const before = (await t.app.inject({ url: '/api/v1/customers', headers: cashier })).json()
      .total as number;
    const cases: [unknown, string][] = [
      [{}, 'name'],
      [{ name: '' }, 'name'],
      [{ name: 'X', phone: 'abc' }, 'phone'],
      [{ name: 'X', email: 'not-an-email' }, 'email'],
      [{ name: 'X', birthday: '1990-13-01' }, 'birthday'],
      [{ name: 'X', favouriteColour: 'red' }, 'favouriteColour'],
      [
        {
          name: 'X',
          address: { line1: '1 A St', city: 'Leeds', postcode: 'LS1', country: 'England' },
        },
        'address.country',
      ],
      [
        { name: 'X', consents: [{ channel: 'fax', granted: true, wording: 'x' }] },
        'consents[0].channel',
      ],
    ];
    for (const [payload, field] of cases) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/customers',
        headers: cashier,
        payload: payload as object,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json(), JSON.stringify(payload)).toMatchObject({
        code: 'validation_failed',
        field,
      });
    }
    const after = (await t.app.inject({ url: '/api/v1/customers', headers: cashier })).json()
      .total as number;
    expect(after).toBe(before);
  });

  it('answers 404 for unknown customers and 400 for malformed ids', async () => {
    const unknown = await t.app.inject({
      url: '/api/v1/customers/01900000-0000-7000-8000-000000000000',
      headers: cashier,
    });
    expect(unknown.json()).toMatchObject({ status: 404, code: 'customer_not_found' });
    const malformed = await t.app.inject({ url: '/api/v1/customers/42', headers: cashier });
    expect(malformed.json()).toMatchObject({ status: 400, field: 'id' });
    const route = await t.app.inject({ url: '/api/v1/nothing-here', headers: cashier });
    expect(route.json()).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('lists customers with paging and filters', async () => {
    for (const name of ['Paging One', 'Paging Two', 'Paging Three']) {
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/customers',
        headers: cashier,
        payload: { name },
      });
    }
    const page = await t.app.inject({
      url: '/api/v1/customers?q=paging&page=1&pageSize=2',
      headers: cashier,
    });
    expect(page.json()).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(page.json().items.map((c: { name: string }) => c.name)).toEqual([
      'Paging One',
      'Paging Three',
    ]);
    const consented = await t.app.inject({
      url: '/api/v1/customers?hasEmailConsent=true',
      headers: cashier,
    });
    expect(consented.json().items.map((c: { name: string }) => c.name)).toEqual(['Grace Hopper']);
    const badPage = await t.app.inject({
      url: '/api/v1/customers?pageSize=5000',
      headers: cashier,
    });
    expect(badPage.json()).toMatchObject({ status: 400, field: 'pageSize' });
  });

  it('serves the printable card barcode as SVG', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: cashier,
      payload: { name: 'Card Holder' },
    });
    const svg = await t.app.inject({
      url: `/api/v1/customers/${created.json().customer.id}/card.svg`,
      headers: cashier,
    });
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.body).toContain('<svg');
  });

  it('lets only supervisors and admins reveal contacts, with a reason, logged', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: cashier,
      payload: { name: 'Reveal Me', email: 'reveal.me@example.com' },
    });
    const id = created.json().customer.id as string;
    for (const role of ['cashier', 'marketer', 'auditor'] as const) {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/customers/${id}/reveal`,
        headers: { cookie: await t.cookieFor(role) },
        payload: { reason: 'curious' },
      });
      expect(response.statusCode, role).toBe(403);
    }
    const supervisor = { cookie: await t.cookieFor('supervisor') };
    const noReason = await t.app.inject({
      method: 'POST',
      url: `/api/v1/customers/${id}/reveal`,
      headers: supervisor,
      payload: {},
    });
    expect(noReason.json()).toMatchObject({ status: 400, field: 'reason' });
    const revealed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/customers/${id}/reveal`,
      headers: supervisor,
      payload: { reason: 'Customer disputes a receipt' },
    });
    expect(revealed.json().contacts).toEqual({
      phone: null,
      email: 'reveal.me@example.com',
      address: null,
      birthday: null,
    });
    const audit = await t.app.inject({
      url: `/api/v1/audit?subjectId=${id}&action=customer.contacts_revealed`,
      headers: supervisor,
    });
    expect(audit.json().items).toEqual([
      expect.objectContaining({ action: 'customer.contacts_revealed', actorName: 'supervisor1' }),
    ]);
  });

  it('links and replaces cards, and merges with the right permission', async () => {
    const a = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/customers',
        headers: cashier,
        payload: { name: 'Merge Keep' },
      })
    ).json().customer;
    const b = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/customers',
        headers: cashier,
        payload: { name: 'Merge Gone' },
      })
    ).json().customer;
    const link = await t.app.inject({
      method: 'POST',
      url: `/api/v1/customers/${b.id}/cards`,
      headers: cashier,
      payload: { cardNumber: makeCardNumber(9001) },
    });
    expect(link.statusCode).toBe(201);
    const badCard = await t.app.inject({
      method: 'POST',
      url: `/api/v1/customers/${a.id}/cards`,
      headers: cashier,
      payload: { cardNumber: '2900000090010' },
    });
    expect(badCard.json()).toMatchObject({
      status: 400,
      code: 'invalid_card_number',
      field: 'cardNumber',
    });
    const forbidden = await t.app.inject({
      method: 'POST',
      url: `/api/v1/customers/${a.id}/merge`,
      headers: cashier,
      payload: { otherCustomerId: b.id },
    });
    expect(forbidden.statusCode).toBe(403);
    const merged = await t.app.inject({
      method: 'POST',
      url: `/api/v1/customers/${a.id}/merge`,
      headers: { cookie: await t.cookieFor('supervisor') },
      payload: { otherCustomerId: b.id },
    });
    expect(merged.json().customer.cards).toEqual([
      expect.objectContaining({ number: makeCardNumber(9001) }),
    ]);
    const gone = await t.app.inject({ url: `/api/v1/customers/${b.id}`, headers: cashier });
    expect(gone.json().customer).toMatchObject({ status: 'merged', mergedIntoId: a.id });
  });
});
