import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

const day = 86_400_000;

describe.each(testDatabases())('the register of rights requests on $name', (database) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let supervisor: string;
  let admin: string;
  let customer: { id: string; number: string };

  beforeAll(async () => {
    handle = await database.open();
    t = await buildTestApp(handle);
    supervisor = await t.cookieFor('supervisor');
    admin = await t.cookieFor('admin');
    const created = await t.call('POST', '/customers', supervisor, { name: 'Rita Rights' });
    expect(created.statusCode, created.body).toBe(201);
    customer = created.json().customer;
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  const open = (body: object, cookie = supervisor, id = customer.id) =>
    t.call('POST', `/customers/${id}/rights-requests`, cookie, body);
  const openList = async () => {
    const response = await t.call('GET', '/rights-requests?open=true', supervisor);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().requests as { id: string; overdue: boolean; dueAt: string }[];
  };
  const requestRow = (id: string) =>
    handle.db.selectFrom('rights_requests').selectAll().where('id', '=', id).executeTakeFirst();
  const auditOf = (action: string) =>
    handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', action)
      .where('subject_id', '=', customer.id)
      .execute();

  it('records a request due one month later, lists it until done, then not', async () => {
    const before = Date.now();
    const opened = await open({ kind: 'export', requestedBy: 'the customer in person' });
    expect(opened.statusCode, opened.body).toBe(201);
    const { request } = opened.json();
    expect(request).toMatchObject({
      customer: { id: customer.id, number: customer.number, name: 'Rita Rights' },
      kind: 'export',
      requestedBy: 'the customer in person',
      overdue: false,
      doneAt: null,
      outcome: null,
    });
    expect(request.receivedBy).toEqual(expect.any(String));
    const requestedAt = new Date(request.requestedAt);
    expect(requestedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const due = new Date(request.dueAt);
    expect((due.getTime() - requestedAt.getTime()) / day).toBeGreaterThanOrEqual(28);
    expect((due.getTime() - requestedAt.getTime()) / day).toBeLessThanOrEqual(31);
    expect(await auditOf('rights_request.opened')).toHaveLength(1);

    expect((await openList()).map((row) => row.id)).toContain(request.id);

    const done = await t.call('POST', `/rights-requests/${request.id}/complete`, admin, {
      outcome: 'export handed over on paper',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().request).toMatchObject({
      outcome: 'export handed over on paper',
      doneBy: expect.any(String),
    });
    expect(done.json().request.doneAt).not.toBeNull();
    expect((await openList()).map((row) => row.id)).not.toContain(request.id);
    expect(await auditOf('rights_request.done')).toHaveLength(1);

    // The customer's own list still shows it, done.
    const history = await t.call(
      'GET',
      `/rights-requests?customerId=${customer.id}&open=false`,
      supervisor,
    );
    expect(history.statusCode, history.body).toBe(200);
    expect(history.json().requests.map((row: { id: string }) => row.id)).toContain(request.id);
  });

  it('refuses to complete a request twice, and changes nothing', async () => {
    const { request } = (await open({ kind: 'erasure', requestedBy: 'by email' })).json();
    const first = await t.call('POST', `/rights-requests/${request.id}/complete`, supervisor, {
      outcome: 'erased',
    });
    expect(first.statusCode, first.body).toBe(200);
    const stored = await requestRow(request.id);
    const audits = (await auditOf('rights_request.done')).length;

    const second = await t.call('POST', `/rights-requests/${request.id}/complete`, admin, {
      outcome: 'erased again',
    });
    expect(second.statusCode, second.body).toBe(409);
    expect(second.json()).toMatchObject({ code: 'request_already_done' });
    expect(await requestRow(request.id)).toEqual(stored);
    expect(await auditOf('rights_request.done')).toHaveLength(audits);
  });

  it('lists the open ones soonest due first, the overdue marked', async () => {
    const late = await open({
      kind: 'objection',
      requestedBy: 'by letter',
      requestedAt: new Date(Date.now() - 40 * day).toISOString(),
    });
    expect(late.statusCode, late.body).toBe(201);
    expect(late.json().request.overdue).toBe(true);
    await open({ kind: 'export', requestedBy: 'by phone' });
    const list = await openList();
    expect(list[0]).toMatchObject({ id: late.json().request.id, overdue: true });
    const dues = list.map((row) => row.dueAt);
    expect(dues).toEqual([...dues].sort());
  });

  it('answers a retry with the same Idempotency-Key with the request it made', async () => {
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/customers/${customer.id}/rights-requests`,
        headers: { cookie: supervisor, 'idempotency-key': 'rights-retry-1' },
        payload: { kind: 'export', requestedBy: 'by email' },
      });
    const first = await send();
    const again = await send();
    expect(first.statusCode, first.body).toBe(201);
    expect(again.json().request.id).toBe(first.json().request.id);
    const rows = await handle.db
      .selectFrom('rights_requests')
      .where('idempotency_key', 'like', '%rights-retry-1')
      .select('id')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('is for supervisors and admins only', async () => {
    for (const role of ['cashier', 'marketer', 'auditor'] as const) {
      const cookie = await t.cookieFor(role);
      const opened = await open({ kind: 'export', requestedBy: 'by email' }, cookie);
      expect(opened.statusCode, `${role}: ${opened.body}`).toBe(403);
      const listed = await t.call('GET', '/rights-requests?open=true', cookie);
      expect(listed.statusCode, `${role}: ${listed.body}`).toBe(403);
    }
    const { request } = (await open({ kind: 'export', requestedBy: 'by email' })).json();
    const cashier = await t.call(
      'POST',
      `/rights-requests/${request.id}/complete`,
      await t.cookieFor('cashier'),
      { outcome: 'done' },
    );
    expect(cashier.statusCode).toBe(403);
    expect((await requestRow(request.id))?.done_at).toBeNull();
  });

  it('answers 404 for an unknown customer or request, 400 for bad input', async () => {
    const unknown = '01900000-0000-7000-8000-000000000000';
    const noCustomer = await open({ kind: 'export', requestedBy: 'by email' }, supervisor, unknown);
    expect(noCustomer.statusCode, noCustomer.body).toBe(404);
    expect(noCustomer.json()).toMatchObject({ code: 'customer_not_found' });
    const noRequest = await t.call('POST', `/rights-requests/${unknown}/complete`, supervisor, {
      outcome: 'done',
    });
    expect(noRequest.statusCode, noRequest.body).toBe(404);
    expect(noRequest.json()).toMatchObject({ code: 'rights_request_not_found' });

    const future = await open({
      kind: 'export',
      requestedBy: 'by email',
      requestedAt: new Date(Date.now() + day).toISOString(),
    });
    expect(future.json()).toMatchObject({ status: 400, field: 'requestedAt' });
    const badKind = await open({ kind: 'forget-me', requestedBy: 'by email' });
    expect(badKind.json()).toMatchObject({ status: 400, field: 'kind' });
    const blank = await open({ kind: 'export', requestedBy: '   ' });
    expect(blank.json()).toMatchObject({ status: 400, field: 'requestedBy' });
    const noKey = await t.app.inject({
      method: 'POST',
      url: `/api/v1/customers/${customer.id}/rights-requests`,
      headers: { cookie: supervisor },
      payload: { kind: 'export', requestedBy: 'by email' },
    });
    expect(noKey.json()).toMatchObject({ status: 400, field: 'Idempotency-Key' });
    const doneWithoutCustomer = await t.call('GET', '/rights-requests?open=false', supervisor);
    expect(doneWithoutCustomer.statusCode).toBe(400);
  });
});
