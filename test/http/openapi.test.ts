import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerResponseContract } from '../../src/http/response-contract.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { idempotencyClaims } from '../../src/services/platform/idempotency.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

type Operation = { responses: Record<string, { headers?: Record<string, unknown> }> };
type OpenApi = { paths: Record<string, Record<string, Operation>> };

describe.each(testDatabases())('the OpenAPI document on $name', (database) => {
  let handle: DatabaseHandle;
  let t: TestApp;

  beforeAll(async () => {
    handle = await database.open();
    t = await buildTestApp(handle);
    await t.app.ready();
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  const operations = () =>
    Object.entries((t.app.swagger() as unknown as OpenApi).paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
    );

  it('lists the success and the problem answers of every operation', () => {
    const incomplete = operations()
      .filter(({ operation }) => {
        const statuses = Object.keys(operation.responses);
        return (
          !statuses.some((status) => status.startsWith('2')) ||
          !['400', '401', '403', '404', '5XX'].every((status) => statuses.includes(status))
        );
      })
      .map(({ method, path }) => `${method} ${path}`);
    expect(incomplete).toEqual([]);
  });

  it('documents 409 with Retry-After on every operation that changes something', () => {
    const changing = operations().filter(({ method }) => method !== 'get' && method !== 'head');
    const missing = changing
      .filter(({ operation }) => !operation.responses['409']?.headers?.['Retry-After'])
      .map(({ method, path }) => `${method} ${path}`);
    expect(changing.length).toBeGreaterThan(30);
    expect(missing).toEqual([]);
  });

  it('answers a retry of a request still running with 409 and Retry-After', async () => {
    const cookie = await t.cookieFor('cashier');
    const payload = { name: 'Slow Request' };
    // The first request has claimed the key (on another server) and not answered yet.
    await idempotencyClaims(t.deps.db, { exclusive: false }).begin({
      scope: `staff:${t.shop.staff.cashier.id}`,
      key: 'still-running-1',
      fingerprint: JSON.stringify(['POST', '/api/v1/customers', payload]),
    });
    const retry = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { cookie, 'idempotency-key': 'still-running-1' },
      payload,
    });
    expect(retry.statusCode).toBe(409);
    expect(retry.json().code).toBe('request_in_progress');
    expect(retry.headers['retry-after']).toBe('1');
  });
});

describe('the response contract', () => {
  it('refuses a route that documents no success answer', () => {
    const app = Fastify();
    registerResponseContract(app, { enforceAtRuntime: true });
    expect(() => app.post('/api/v1/undocumented', async () => ({}))).toThrow(
      /documents no success response/,
    );
  });

  it('fails an answer whose status the route does not document', async () => {
    const app = Fastify();
    registerResponseContract(app, { enforceAtRuntime: true });
    app.post(
      '/api/v1/created',
      { schema: { response: { 200: { type: 'object', properties: {} } } } },
      // A status the schema does not list, as a route written in a hurry would send.
      async (_request, reply) => reply.code(201 as 200).send({}),
    );
    const response = await app.inject({ method: 'POST', url: '/api/v1/created' });
    expect(response.statusCode).toBe(500);
  });
});
