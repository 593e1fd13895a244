import { buildApp } from '../src/http/app.ts';
import { sessionCookie } from '../src/http/authentication.ts';
import { systemActor, type ServiceDeps } from '../src/services/platform/context.ts';
import { createApiKey } from '../src/services/staff/staff.ts';
import type { Basket } from './checkout-drive.ts';
import type { CheckoutShop } from './checkout-shop.ts';

export type BenchServer = { base: string; close: () => Promise<void> };

/**
 * The real app on a loopback port. Logging is off: production logs one line per request
 * through pino, which would add its own cost to every sale here.
 */
export async function startServer(deps: ServiceDeps): Promise<BenchServer> {
  const app = await buildApp({
    services: deps,
    settings: { sessionHours: 12, secureCookies: false, signInRateLimitPerMinute: 1000 },
    logger: false,
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { base: address, close: () => app.close() };
}

/** Headers that say who is selling: a till's session cookie or an integration's API key. */
export type Credentials = Record<string, string>;

/** Each cashier signs in with their PIN at their own register, as the web till does. */
export async function signInTills(server: BenchServer, shop: CheckoutShop): Promise<Credentials[]> {
  const credentials: Credentials[] = [];
  for (const till of shop.tills) {
    const response = await fetch(`${server.base}/api/v1/auth/pin-sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: till.username, pin: shop.pin, registerId: till.registerId }),
    });
    const cookie = response.headers
      .getSetCookie()
      .map((header) => header.split(';')[0] ?? '')
      .find((pair) => pair.startsWith(`${sessionCookie}=`));
    if (response.status !== 200 || !cookie) {
      throw new Error(
        `PIN sign-in of ${till.username}: ${response.status} ${await response.text()}`,
      );
    }
    credentials.push({ cookie });
  }
  return credentials;
}

/** An integration's key: it has no register, so its sales name the outlet. */
export async function apiKeyCredentials(deps: ServiceDeps): Promise<Credentials> {
  const created = await createApiKey({
    deps,
    actor: systemActor,
    input: { name: 'bench POS', role: 'cashier' },
  });
  if (!created.ok) throw new Error(`createApiKey: ${created.message}`);
  return { authorization: `Bearer ${created.value.secret}` };
}

/** POST /api/v1/sales; throws unless the sale was made (201), so failures are counted. */
export async function postSale(
  server: BenchServer,
  credentials: Credentials,
  body: Basket & { outletId?: string },
  idempotencyKey: string,
): Promise<void> {
  const response = await fetch(`${server.base}/api/v1/sales`, {
    method: 'POST',
    headers: {
      ...credentials,
      'content-type': 'application/json',
      'idempotency-key': idempotencyKey,
    },
    body: JSON.stringify(body),
  });
  // Read the whole answer: the till waits for the receipt, and keep-alive needs it drained.
  const text = await response.text();
  if (response.status !== 201) throw new Error(`POST /sales ${response.status}: ${text}`);
}
