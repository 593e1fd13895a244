import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import type { Role } from '../../src/domain/permissions.ts';
import type { NightlyBackups } from '../../src/services/backups/backup-schedule.ts';
import type { ServiceDeps } from '../../src/services/platform/context.ts';
import type { Mailer } from '../../src/services/platform/mailer.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { createTestShop, serviceDeps, type TestShop } from './deps.ts';

export type TestApp = {
  app: FastifyInstance;
  deps: ServiceDeps;
  shop: TestShop;
  /** Signs in with the role's PIN at the test register and returns the Cookie header. */
  cookieFor: (role: Role) => Promise<string>;
  /** An API request (path after /api/v1) as the session in `cookie`, with a fresh Idempotency-Key. */
  call: (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    cookie: string,
    payload?: object,
  ) => Promise<LightMyRequestResponse>;
};

export async function buildTestApp(
  handle: DatabaseHandle,
  options: { signInRateLimitPerMinute?: number; mailer?: Mailer; backups?: NightlyBackups } = {},
): Promise<TestApp> {
  const deps = serviceDeps(handle);
  const shop = await createTestShop(deps);
  const app = await buildApp({
    services: deps,
    settings: {
      sessionHours: 8,
      secureCookies: false,
      signInRateLimitPerMinute: options.signInRateLimitPerMinute ?? 1000,
    },
    ...(options.mailer ? { mailer: options.mailer } : {}),
    // The backup routes exist only when the app is given the server's backups.
    ...(options.backups ? { backups: options.backups } : {}),
    logger: false,
    checkResponseContract: true,
  });
  const cookies = new Map<Role, string>();
  const cookieFor = async (role: Role) => {
    const cached = cookies.get(role);
    if (cached) return cached;
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/pin-sign-in',
      payload: {
        username: shop.staff[role].username,
        pin: shop.staff[role].pin,
        registerId: shop.registerId,
      },
    });
    if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
    const cookie = response.cookies.find((c) => c.name === 'clientele_session');
    if (!cookie) throw new Error('no session cookie');
    const header = `clientele_session=${cookie.value}`;
    cookies.set(role, header);
    return header;
  };
  let keys = 0;
  const call: TestApp['call'] = (method, url, cookie, payload) =>
    app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie, 'idempotency-key': `test-${keys++}` },
      ...(payload ? { payload } : {}),
    });
  return { app, deps, shop, cookieFor, call };
}
