import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

describe.each(testDatabases())('sign-in, sessions, API keys and staff on $name', (database) => {
  let handle: DatabaseHandle;
  let t: TestApp;

  beforeAll(async () => {
    handle = await database.open();
    t = await buildTestApp(handle, { signInRateLimitPerMinute: 5 });
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('signs in with a password, sets an httpOnly cookie, and /auth/me answers', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { username: 'Admin1', password: 'correct-horse-1' },
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'clientele_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const me = await t.app.inject({
      url: '/api/v1/auth/me',
      cookies: { clientele_session: cookie!.value },
    });
    expect(me.json().session).toMatchObject({
      staff: { username: 'admin1', role: 'admin' },
      method: 'password',
    });
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out',
      cookies: { clientele_session: cookie!.value },
    });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({
      url: '/api/v1/auth/me',
      cookies: { clientele_session: cookie!.value },
    });
    expect(after.statusCode).toBe(401);
  });

  it('signs in with a PIN at a register, and the session knows the outlet and register', async () => {
    const cookie = await t.cookieFor('cashier');
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.json().session).toMatchObject({
      method: 'pin',
      outlet: { name: 'Test Outlet' },
      register: { code: 'TST-1' },
      permissions: expect.arrayContaining(['customer.create']),
    });
  });

  it('refuses a wrong PIN or password with one message, and logs the failure', async () => {
    const wrongPin = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/pin-sign-in',
      payload: { username: 'cashier1', pin: '9999', registerId: t.shop.registerId },
    });
    expect(wrongPin.statusCode).toBe(401);
    expect(wrongPin.headers['content-type']).toContain('application/problem+json');
    expect(wrongPin.json()).toMatchObject({ code: 'invalid_credentials' });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { username: 'nobody', password: 'whatever-123' },
    });
    expect(unknown.json()).toMatchObject({ status: 401, code: 'invalid_credentials' });
    const audit = await t.app.inject({
      url: '/api/v1/audit?action=auth.sign_in_failed',
      headers: { cookie: await t.cookieFor('admin') },
    });
    expect(audit.json().items.map((item: { actorName: string }) => item.actorName)).toEqual(
      expect.arrayContaining(['cashier1', 'nobody']),
    );
  });

  it('rate-limits repeated sign-in attempts', async () => {
    const attempt = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { username: 'ratelimited', password: 'wrong-password' },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await attempt()).statusCode);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'rate_limited' });
  });

  it('answers 401 without a session and 403 for a role without the permission', async () => {
    expect((await t.app.inject({ url: '/api/v1/customers?page=1' })).json()).toMatchObject({
      status: 401,
      code: 'unauthenticated',
    });
    const forbidden = await t.app.inject({
      url: '/api/v1/staff',
      headers: { cookie: await t.cookieFor('cashier') },
    });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().detail).toContain('staff.manage');
  });

  it('lets an admin add staff, change roles and disable accounts, all audited', async () => {
    const admin = { cookie: await t.cookieFor('admin') };
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff',
      headers: admin,
      payload: { username: 'newbie', displayName: 'New Bie', role: 'cashier', pin: '1111' },
    });
    expect(bad.json()).toMatchObject({ status: 400, field: 'pin' });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff',
      headers: admin,
      payload: { username: 'newbie', displayName: 'New Bie', role: 'cashier', pin: '4826' },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().staff.id as string;
    const duplicate = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff',
      headers: admin,
      payload: { username: 'NEWBIE', displayName: 'Again', role: 'cashier', pin: '4826' },
    });
    expect(duplicate.json()).toMatchObject({
      status: 409,
      code: 'username_taken',
      field: 'username',
    });
    const signIn = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/pin-sign-in',
        payload: { username: 'newbie', pin: '4826', registerId: t.shop.registerId },
      });
    expect((await signIn()).statusCode).toBe(200);
    const disabled = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/staff/${id}`,
      headers: admin,
      payload: { active: false },
    });
    expect(disabled.json().staff).toMatchObject({ active: false });
    expect((await signIn()).statusCode).toBe(401);
    const audit = await t.app.inject({ url: `/api/v1/audit?subjectId=${id}`, headers: admin });
    expect(audit.json().items.map((item: { action: string }) => item.action)).toEqual(
      expect.arrayContaining(['staff.created', 'staff.updated', 'auth.signed_in']),
    );
  });

  it('accepts API keys for integrations until revoked', async () => {
    const admin = { cookie: await t.cookieFor('admin') };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: admin,
      payload: { name: 'web shop', role: 'cashier' },
    });
    expect(created.statusCode).toBe(201);
    const { secret, apiKey } = created.json() as { secret: string; apiKey: { id: string } };
    const bearer = { authorization: `Bearer ${secret}` };
    const customer = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: bearer,
      payload: { name: 'Web Shopper' },
    });
    expect(customer.statusCode).toBe(201);
    const forged = await t.app.inject({
      url: '/api/v1/customers/search?q=web',
      headers: { authorization: `Bearer ${secret.slice(0, -2)}xx` },
    });
    expect(forged.statusCode).toBe(401);
    await t.app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${apiKey.id}`, headers: admin });
    expect(
      (await t.app.inject({ url: '/api/v1/customers/search?q=web', headers: bearer })).statusCode,
    ).toBe(401);
  });
});
