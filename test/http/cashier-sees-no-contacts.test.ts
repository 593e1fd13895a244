import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCardNumber } from '../../src/domain/customer-number.ts';
import type { Role } from '../../src/domain/permissions.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

const contactKeys = [
  'phone',
  'email',
  'address',
  'birthday',
  'line1',
  'postcode',
  'mobile',
  'contacts',
];
const phone = '+447911123555';
const secrets = [
  '7911123555',
  '123555',
  'hidden.person@example.com',
  'Secret Lane',
  'ZZ9 9ZZ',
  '1975-04-03',
];

/** Every key anywhere in a JSON value. */
function keysOf(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => keysOf(item, found));
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      found.add(key);
      keysOf(inner, found);
    }
  }
  return found;
}

describe.each(testDatabases())('no contact field reaches a cashier, on $name', (database) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let id: string;

  beforeAll(async () => {
    handle = await database.open();
    t = await buildTestApp(handle);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { cookie: await t.cookieFor('supervisor') },
      payload: {
        name: 'Hidden Person',
        phone,
        email: 'hidden.person@example.com',
        birthday: '1975-04-03',
        address: { line1: '1 Secret Lane', city: 'Leeds', postcode: 'ZZ9 9ZZ', country: 'GB' },
      },
    });
    id = created.json().customer.id;
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  /** Every endpoint that returns customer data, as the role may call it. */
  function walk(
    cardSerial = 4242,
  ): { method: 'GET' | 'POST' | 'PATCH'; url: string; payload?: object }[] {
    return [
      { method: 'GET', url: '/api/v1/customers/search?q=hidden' },
      { method: 'GET', url: `/api/v1/customers/search?q=${encodeURIComponent(phone)}` },
      { method: 'GET', url: '/api/v1/customers/search?q=3555' },
      { method: 'GET', url: '/api/v1/customers/search?q=hidden.person@example.com' },
      { method: 'GET', url: '/api/v1/customers?q=hidden' },
      { method: 'GET', url: `/api/v1/customers/${id}` },
      { method: 'GET', url: `/api/v1/customers/${id}/history` },
      { method: 'GET', url: `/api/v1/customers/${id}/consents` },
      {
        method: 'PATCH',
        url: `/api/v1/customers/${id}`,
        payload: { notes: 'Likes linen', email: 'hidden.person@example.com' },
      },
      {
        method: 'POST',
        url: `/api/v1/customers/${id}/consents`,
        payload: { channel: 'sms', granted: true, wording: 'Texts' },
      },
      {
        method: 'POST',
        url: `/api/v1/customers/${id}/cards`,
        payload: { cardNumber: makeCardNumber(cardSerial) },
      },
      {
        method: 'POST',
        url: `/api/v1/customers/${id}/cards/${makeCardNumber(cardSerial)}/replace`,
        payload: { newCardNumber: makeCardNumber(cardSerial + 1) },
      },
      { method: 'POST', url: '/api/v1/customers/duplicates', payload: { phone } },
      {
        method: 'POST',
        url: '/api/v1/customers',
        payload: { name: 'Hidden Twin', phone, email: 'hidden.person@example.com' },
      },
    ];
  }

  const walkers: Role[] = ['cashier', 'supervisor', 'marketer', 'auditor', 'admin'];
  for (const [index, role] of walkers.entries()) {
    it(`${role}: no response carries a contact field or value`, async () => {
      const cookie = await t.cookieFor(role);
      let answered = 0;
      for (const request of walk(5000 + index * 10)) {
        const response = await t.app.inject({ ...request, headers: { cookie } });
        if (response.statusCode === 403) continue;
        expect(
          response.statusCode,
          `${request.method} ${request.url}: ${response.body}`,
        ).toBeLessThan(300);
        answered++;
        const keys = keysOf(response.json());
        for (const key of contactKeys)
          expect(keys.has(key), `${request.method} ${request.url} has "${key}"`).toBe(false);
        for (const secret of secrets)
          expect(response.body, `${request.method} ${request.url}`).not.toContain(secret);
      }
      if (role === 'cashier') expect(answered).toBe(walk().length);
    });
  }
});
