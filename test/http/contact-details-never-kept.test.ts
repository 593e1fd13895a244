import Fastify from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerContactDetailsRule } from '../../src/http/contact-details.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

describe.each(testDatabases())('contact details are never kept on $name', (database) => {
  let handle: DatabaseHandle;
  let t: TestApp;

  beforeAll(async () => {
    handle = await database.open();
    t = await buildTestApp(handle);
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('keeps no revealed value in the idempotency table, and tells caches not to store it', async () => {
    const supervisor = await t.cookieFor('supervisor');
    const created = await t.call('POST', '/customers', supervisor, {
      name: 'Reveal Once',
      phone: '07911 123461',
      email: 'reveal.once@example.com',
      birthday: '1984-02-29',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().customer.id as string;
    const reveal = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/customers/${id}/reveal`,
        headers: { cookie: supervisor, 'idempotency-key': 'reveal-retry-1' },
        payload: { reason: 'customer asked for a refund by post' },
      });
    const first = await reveal();
    expect(first.statusCode).toBe(200);
    expect(first.json().contacts.email).toBe('reveal.once@example.com');
    expect(first.headers['cache-control']).toBe('no-store');

    const stored = await sql<{ dump: string | null }>`
      SELECT string_agg(coalesce(response_body, ''), ' ') AS dump FROM idempotency_keys
    `.execute(t.deps.db);
    const dump = stored.rows[0]?.dump ?? '';
    expect(dump).not.toContain('reveal.once@example.com');
    expect(dump).not.toContain('123461');
    expect(dump).not.toContain('1984-02-29');

    // A retry runs again, and the audit log says the details were shown twice.
    const retry = await reveal();
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(retry.json().contacts.email).toBe('reveal.once@example.com');
    const reveals = await sql<{ count: number | string }>`
      SELECT count(*) AS count FROM audit_log
      WHERE action = 'customer.contacts_revealed' AND subject_id = ${id}
    `.execute(t.deps.db);
    expect(Number(reveals.rows[0]?.count)).toBe(2);
  });

  it('refuses to start a route that answers contact details without saying so', async () => {
    const app = Fastify();
    registerContactDetailsRule(app);
    const addLeakyRoute = () =>
      app.get(
        '/leaky',
        {
          schema: {
            response: {
              200: {
                type: 'object',
                properties: {
                  customer: { type: 'object', properties: { email: { type: 'string' } } },
                },
              },
            },
          },
        },
        async () => ({ customer: { email: 'x@example.com' } }),
      );
    expect(addLeakyRoute).toThrow(/answers contact details/);
  });

  it('lets a route answer a yes/no about a contact detail (an erasure: email suppressed)', async () => {
    const app = Fastify();
    registerContactDetailsRule(app);
    const addFlagRoute = () =>
      app.get(
        '/flags',
        {
          schema: {
            response: {
              200: {
                type: 'object',
                properties: {
                  suppressed: {
                    type: 'object',
                    properties: { email: { type: 'boolean' }, phone: { type: 'boolean' } },
                  },
                },
              },
            },
          },
        },
        async () => ({ suppressed: { email: true, phone: false } }),
      );
    expect(addFlagRoute).not.toThrow();
    await app.close();
  });
});
