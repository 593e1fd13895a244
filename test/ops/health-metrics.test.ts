import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { watchDatabasePool } from '../../src/services/platform/metrics.ts';
import { openPostgres, type DatabaseHandle } from '../../src/store/database.ts';
import { createTestCatalogue } from '../support/catalogue.ts';
import { testDatabases } from '../support/databases.ts';
import { serviceDeps } from '../support/deps.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

/** One sample's value from Prometheus text, or undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (line === undefined) return undefined;
  const value = line.slice(series.length + 1);
  return value === '+Inf' ? Infinity : Number(value);
}

describe.each(testDatabases())('health, readiness and metrics on $name', (database) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let cashier: string;

  beforeAll(async () => {
    handle = await database.open();
    t = await buildTestApp(handle);
    await createTestCatalogue(handle.db);
    cashier = await t.cookieFor('cashier');
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  const metrics = async () => {
    const response = await t.app.inject({ url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.body;
  };

  it('answers /health without a sign-in, without asking the database', async () => {
    const health = await t.app.inject({
      url: '/health',
      headers: { cookie: 'clientele_session=x' },
    });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
  });

  it('is ready when the database answers and has every migration, and says why not otherwise', async () => {
    const ready = await t.app.inject({ url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: 'reachable', migrations: 'current' });

    const [last] = await handle.db
      .selectFrom('kysely_migration' as never)
      .select(sql<string>`name`.as('name'))
      .orderBy(sql`name`, 'desc')
      .limit(1)
      .execute();
    await sql`DELETE FROM kysely_migration WHERE name = ${last!.name}`.execute(handle.db);
    try {
      const behind = await t.app.inject({ url: '/ready' });
      expect(behind.statusCode).toBe(503);
      expect(behind.json()).toEqual({
        status: 'not_ready',
        database: 'reachable',
        migrations: 'pending',
      });
    } finally {
      await sql`INSERT INTO kysely_migration (name, timestamp) VALUES (${last!.name}, ${new Date().toISOString()})`.execute(
        handle.db,
      );
    }
  });

  it.runIf(database.name === 'pglite')(
    'is not ready when the database does not answer in time (its one connection held)',
    async () => {
      const started = Date.now();
      const ready = await handle.db
        .transaction()
        .execute(async () => t.app.inject({ url: '/ready' }));
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ status: 'not_ready', database: 'unreachable' });
      expect(Date.now() - started).toBeLessThan(10_000);
    },
  );

  it('times requests by route pattern, never by URL, and keeps personal data out', async () => {
    const created = await t.call('POST', '/customers', cashier, {
      name: 'Metric Privacy',
      phone: '07911 123987',
      email: 'metric.privacy@example.com',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as { customer: { id: string } }).customer.id;
    await t.call('GET', `/customers/${id}`, cashier);
    await t.call('GET', '/customers/search?q=07911123987', cashier);
    await t.app.inject({ url: '/no/such/page/07911123987', method: 'POST' });

    const text = await metrics();
    const get = 'method="GET"';
    expect(text).toContain(`{${get},route="/api/v1/customers/:id",status="200"}`);
    expect(text).toContain(`{${get},route="/api/v1/customers/search",status="200"}`);
    expect(text).toContain('{method="POST",route="unmatched",status="404"}');
    for (const personal of [id, '123987', 'Metric', 'Privacy', 'metric.privacy', 'example.com'])
      expect(text).not.toContain(personal);
  });

  it('counts sales and refunds once each, not their retries', async () => {
    const sale = {
      lines: [{ product: 'TEE-M-BLK', quantity: 1 }],
      tenders: [{ kind: 'cash', received: 2500 }],
    };
    const sell = (key: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/sales',
        headers: { cookie: cashier, 'idempotency-key': key },
        payload: sale,
      });
    const salesBefore = sample(await metrics(), 'clientele_sales_total{source="till"}')!;
    const refundsBefore = sample(await metrics(), 'clientele_refunds_total{kind="return"}')!;
    const first = await sell(`metrics-sale-${database.name}`);
    expect(first.statusCode).toBe(201);
    expect((await sell(`metrics-sale-${database.name}`)).statusCode).toBe(201);
    const lineId = (first.json() as { sale: { lines: { id: string }[] } }).sale.lines[0]!.id;
    const back = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/returns',
        headers: { cookie: cashier, 'idempotency-key': `metrics-return-${database.name}` },
        payload: {
          lines: [{ saleLineId: lineId, quantity: 1 }],
          withReceipt: true,
          reason: 'too small',
        },
      });
    expect((await back()).statusCode).toBe(201);
    expect((await back()).statusCode).toBe(201);

    const text = await metrics();
    expect(sample(text, 'clientele_sales_total{source="till"}')).toBe(salesBefore + 1);
    expect(sample(text, 'clientele_refunds_total{kind="return"}')).toBe(refundsBefore + 1);
  });

  it('reports the database pool the server hands over', async () => {
    watchDatabasePool(() => ({ total: 3, idle: 1, waiting: 4 }));
    try {
      const text = await metrics();
      expect(sample(text, 'clientele_db_pool_connections{state="in_use"}')).toBe(2);
      expect(sample(text, 'clientele_db_pool_connections{state="idle"}')).toBe(1);
      expect(sample(text, 'clientele_db_pool_waiting_queries')).toBe(4);
    } finally {
      watchDatabasePool(null);
    }
  });

  it('wants the bearer token when CLIENTELE_METRICS_TOKEN is set', async () => {
    const token = 'scrape-me-please-0123456789';
    const app = await buildApp({
      services: t.deps,
      settings: { sessionHours: 8, secureCookies: false, signInRateLimitPerMinute: 100 },
      logger: false,
      metricsToken: token,
    });
    try {
      const anonymous = await app.inject({ url: '/metrics' });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json()).toMatchObject({ code: 'unauthenticated' });
      const wrong = await app.inject({
        url: '/metrics',
        headers: { authorization: 'Bearer nope' },
      });
      expect(wrong.statusCode).toBe(401);
      const right = await app.inject({
        url: '/metrics',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(right.statusCode).toBe(200);
      expect(right.body).toContain('clientele_http_request_duration_seconds');
      // The probes stay open.
      expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('readiness without a database', () => {
  it('is not ready when the database refuses connections, and /health still answers', async () => {
    const nowhere = openPostgres('postgres://postgres@127.0.0.1:1/nowhere', 1);
    const app = await buildApp({
      services: serviceDeps(nowhere),
      settings: { sessionHours: 8, secureCookies: false, signInRateLimitPerMinute: 100 },
      logger: false,
    });
    try {
      const ready = await app.inject({ url: '/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({
        status: 'not_ready',
        database: 'unreachable',
        migrations: 'unknown',
      });
      expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await nowhere.close();
    }
  });
});
