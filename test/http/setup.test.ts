import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { testDatabases } from '../support/databases.ts';
import { serviceDeps } from '../support/deps.ts';

const setup = (username: string, outletCode = 'MAIN') => ({
  admin: { username, displayName: 'Pat Owner', password: 'first-admin-1', pin: '4826' },
  shop: { name: 'Pat’s Boutique', country: 'IE' },
  outlet: { code: outletCode, name: 'Main Street', currency: 'EUR', timeZone: 'Europe/Dublin' },
  register: { code: 'MAIN-1', name: 'Front till' },
});

describe.each(testDatabases())('first-run set-up on $name', (database) => {
  let handle: DatabaseHandle;
  let app: FastifyInstance;
  beforeAll(async () => {
    handle = await database.open();
    app = await buildApp({
      services: serviceDeps(handle),
      settings: { sessionHours: 8, secureCookies: false, signInRateLimitPerMinute: 1000 },
      logger: false,
      checkResponseContract: true,
    });
  });
  afterAll(async () => {
    await app.close();
    await handle.close();
  });

  const post = (body: object) =>
    app.inject({ method: 'POST', url: '/api/v1/setup', payload: body });
  const needed = async () =>
    (await app.inject({ method: 'GET', url: '/api/v1/setup' })).json<{ needed: boolean }>().needed;

  it('refuses a bad field, naming it, and writes nothing', async () => {
    const bad = setup('pat');
    const response = await post({ ...bad, admin: { ...bad.admin, pin: '1234' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed', field: 'admin.pin' });
    const country = await post({ ...bad, shop: { ...bad.shop, country: 'XX' } });
    expect(country.json()).toMatchObject({ field: 'shop.country' });
    expect(await needed()).toBe(true);
  });

  it('lets exactly one of two racing browsers create the first admin, and signs it in', async () => {
    expect(await needed()).toBe(true);
    const answers = await Promise.all([post(setup('pat', 'MAIN')), post(setup('sam', 'SHOP'))]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 403]);
    const won = answers.find((answer) => answer.statusCode === 201)!;
    const lost = answers.find((answer) => answer.statusCode === 403)!;
    expect(lost.json()).toMatchObject({ code: 'forbidden' });
    const staff = await handle.db.selectFrom('staff').select(['username', 'role']).execute();
    expect(staff).toHaveLength(1);
    expect(staff[0]!.role).toBe('admin');
    expect(await handle.db.selectFrom('outlets').select('code').execute()).toHaveLength(1);

    const cookie = won.cookies.find((c) => c.name === 'clientele_session');
    expect(cookie?.httpOnly).toBe(true);
    const me = await app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { cookie: `clientele_session=${cookie!.value}` },
    });
    expect(me.json()).toMatchObject({ session: { staff: { username: staff[0]!.username } } });
    const settings = await app.inject({
      method: 'GET',
      url: '/api/v1/settings',
      headers: { cookie: `clientele_session=${cookie!.value}` },
    });
    expect(settings.json()).toMatchObject({
      settings: { shopName: 'Pat’s Boutique', defaultCountry: 'IE' },
    });
    const registers = await app.inject({ method: 'GET', url: '/api/v1/registers' });
    expect(registers.json()).toMatchObject({
      registers: [{ code: 'MAIN-1', name: 'Front till' }],
    });
  });

  it('is gone once staff exist', async () => {
    expect(await needed()).toBe(false);
    const again = await post(setup('eve', 'EVE'));
    expect(again.statusCode).toBe(403);
    expect(await handle.db.selectFrom('staff').select('id').execute()).toHaveLength(1);
  });
});
