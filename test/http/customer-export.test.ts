import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCardNumber } from '../../src/domain/customer-number.ts';
import { CustomerExport } from '../../src/http/schemas/customers-export.ts';
import { insertAuditEntry, selectAuditEntries } from '../../src/store/audit.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { createTestCatalogue } from '../support/catalogue.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

const phone = '07911 123456';
const email = 'export.canary@example.org';

describe.each(testDatabases())('one customer’s data export on $name', (database) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let cookies: Record<'cashier' | 'supervisor' | 'marketer' | 'admin', string>;
  let customer: { id: string; number: string };
  let saleNumber: string;
  let groupId: string;

  const ok = async (response: Promise<{ statusCode: number; body: string }>) => {
    const answer = await response;
    if (answer.statusCode >= 300) throw new Error(`${answer.statusCode}: ${answer.body}`);
    return answer;
  };
  const exported = (cookie: string, id = customer.id, reason = 'customer asked for their data') =>
    t.call('POST', `/customers/${id}/export`, cookie, { reason });
  const exportsInAudit = async () =>
    (await selectAuditEntries(handle.db, { action: 'customer.exported', offset: 0, limit: 100 }))
      .rows;

  beforeAll(async () => {
    handle = await database.open();
    t = await buildTestApp(handle);
    await createTestCatalogue(handle.db);
    cookies = {
      cashier: await t.cookieFor('cashier'),
      supervisor: await t.cookieFor('supervisor'),
      marketer: await t.cookieFor('marketer'),
      admin: await t.cookieFor('admin'),
    };
    const created = await ok(
      t.call('POST', '/customers', cookies.cashier, {
        name: 'Erin Export',
        phone,
        email,
        notes: 'prefers the blue bags',
        preferences: { sizes: ['M'], brands: ['Acme'] },
        consents: [{ channel: 'email', granted: true, wording: 'Yes, email me offers' }],
      }),
    );
    customer = JSON.parse(created.body).customer;
    await ok(
      t.call('POST', `/customers/${customer.id}/cards`, cookies.cashier, {
        cardNumber: makeCardNumber(7001),
      }),
    );
    const sale = await ok(
      t.call('POST', '/sales', cookies.cashier, {
        customer: { id: customer.id },
        lines: [{ product: 'TEE-M-BLK', quantity: 2 }],
        tenders: [{ kind: 'cash', received: 5000 }],
      }),
    );
    const sold = JSON.parse(sale.body).sale;
    saleNumber = sold.number;
    await ok(
      t.call('POST', '/returns', cookies.cashier, {
        lines: [{ saleLineId: sold.lines[0].id, quantity: 1 }],
        withReceipt: false,
        reason: 'wrong size',
      }),
    );
    const credit = await t.call(
      'POST',
      `/customers/${customer.id}/store-credit/adjustments`,
      cookies.supervisor,
      { currency: 'GBP', amount: 1000, reason: 'goodwill' },
    );
    expect(credit.statusCode).toBeLessThan(300);
    const bonus = await t.call(
      'POST',
      `/customers/${customer.id}/loyalty/adjustments`,
      cookies.supervisor,
      { points: 10, reasonCode: 'goodwill', reason: 'birthday week' },
    );
    expect(bonus.statusCode).toBeLessThan(300);
    const group = await ok(
      t.call('POST', '/groups', cookies.supervisor, {
        name: 'Friends',
        kind: 'manual',
        discountBp: 1000,
        earnMultiplierBp: 10_000,
      }),
    );
    groupId = JSON.parse(group.body).group.id;
    await ok(t.call('PUT', `/groups/${groupId}/members/${customer.id}`, cookies.supervisor));
    await ok(
      t.call('POST', `/customers/${customer.id}/reveal`, cookies.supervisor, {
        reason: 'checking the email address',
      }),
    );
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('holds every section of what was planted, and validates against its own schema', async () => {
    const asked = await t.call(
      'POST',
      `/customers/${customer.id}/rights-requests`,
      cookies.supervisor,
      {
        kind: 'export',
        requestedBy: 'by email to the shop',
      },
    );
    expect(asked.statusCode, asked.body).toBe(201);
    const response = await exported(cookies.supervisor);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const document = response.json();
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const valid = ajv.compile(CustomerExport);
    expect(valid.errors ?? [], JSON.stringify(valid.errors)).toEqual([]);
    expect(valid(document), JSON.stringify(valid.errors)).toBe(true);

    expect(document).toMatchObject({
      schemaVersion: 1,
      controller: { name: expect.any(String), country: expect.any(String) },
      customer: {
        id: customer.id,
        number: customer.number,
        name: 'Erin Export',
        status: 'active',
        notes: 'prefers the blue bags',
        objectsToProfilingAt: null,
        preferences: { sizes: ['M'], brands: ['Acme'], interests: [] },
      },
      contacts: { email, address: null },
      cards: [{ number: makeCardNumber(7001), status: 'active' }],
      consents: [{ channel: 'email', granted: true, wording: 'Yes, email me offers' }],
      groups: [{ id: groupId, name: 'Friends', kind: 'manual' }],
      inferences: { scores: [], basis: [] },
    });
    expect(document.contacts.phone).toMatch(/7911123456$/);
    expect(Date.parse(document.exportedAt)).not.toBeNaN();
    expect(document.purchases).toHaveLength(1);
    expect(document.purchases[0]).toMatchObject({
      number: saleNumber,
      kind: 'sale',
      total: 5000,
      lines: [{ sku: 'TEE-M-BLK', quantity: 2, returnedQuantity: 1 }],
      tenders: [{ kind: 'cash' }],
    });
    expect(document.returns).toHaveLength(1);
    expect(document.returns[0]).toMatchObject({ kind: 'return', total: -2500 });
    expect(document.returns[0].lines).toHaveLength(1);
    expect(document.storeCredit).toEqual([
      expect.objectContaining({
        currency: 'GBP',
        entries: expect.arrayContaining([
          expect.objectContaining({ amount: 1000, reason: 'goodwill' }),
        ]),
      }),
    ]);
    expect(document.points.events.length).toBeGreaterThan(0);
    expect(document.points.balance).toBe(
      document.points.events[document.points.events.length - 1].balanceAfter,
    );
    const actions = document.audit.map((entry: { action: string }) => entry.action);
    expect(actions).toContain('customer.contacts_revealed');
    expect(document.changes.length).toBeGreaterThan(0);
    expect(document.changes[0].kind).toBe('created');
    expect(document.requests).toEqual([
      expect.objectContaining({
        kind: 'export',
        requestedBy: 'by email to the shop',
        doneAt: null,
      }),
    ]);
  });

  it('lists a rule group’s rule as the basis of an inference', async () => {
    const rule = await ok(
      t.call('POST', '/groups', cookies.supervisor, {
        name: 'Regulars',
        kind: 'rule',
        rule: { type: 'visits', minVisits: 1, days: 30 },
        discountBp: 0,
        earnMultiplierBp: 10_000,
      }),
    );
    const ruleId = JSON.parse(rule.body).group.id;
    // Creating the group computes its members: the customer's one visit puts them in it.
    const document = (await exported(cookies.admin)).json();
    expect(document.inferences.basis).toEqual([
      { groupId: ruleId, groupName: 'Regulars', rule: { type: 'visits', minVisits: 1, days: 30 } },
    ]);
  });

  it('includes an audit entry that names the customer only inside its detail', async () => {
    await insertAuditEntry(handle.db, {
      action: 'test.names_customer',
      actorStaffId: null,
      actorApiKeyId: null,
      actorLabel: 'test',
      outletId: null,
      subjectType: 'staff',
      subjectId: t.shop.staff.admin.id,
      detail: { nested: { survivorCustomerId: customer.id } },
    });
    await insertAuditEntry(handle.db, {
      action: 'test.names_someone_else',
      actorStaffId: null,
      actorApiKeyId: null,
      actorLabel: 'test',
      outletId: null,
      subjectType: 'staff',
      subjectId: t.shop.staff.admin.id,
      detail: { customerId: '00000000-0000-4000-8000-000000000000' },
    });
    const actions = (await exported(cookies.admin))
      .json()
      .audit.map((entry: { action: string }) => entry.action);
    expect(actions).toContain('test.names_customer');
    expect(actions).not.toContain('test.names_someone_else');
  });

  it('records customer.exported with the reason and no contact details', async () => {
    const before = (await exportsInAudit()).length;
    await ok(exported(cookies.admin, customer.id, 'subject access request 42'));
    const entries = await exportsInAudit();
    expect(entries).toHaveLength(before + 1);
    const entry = entries[0]!;
    expect(entry).toMatchObject({
      subjectType: 'customer',
      subjectId: customer.id,
      detail: { reason: 'subject access request 42', customerNumber: customer.number },
    });
    const text = JSON.stringify(entry);
    expect(text).not.toContain(email);
    expect(text).not.toContain('123456');
  });

  it('refuses a cashier and a marketer, an unknown customer, and a missing reason', async () => {
    const before = (await exportsInAudit()).length;
    expect((await exported(cookies.cashier)).statusCode).toBe(403);
    expect((await exported(cookies.marketer)).statusCode).toBe(403);
    const unknown = await exported(cookies.admin, '00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('customer_not_found');
    const noReason = await exported(cookies.admin, customer.id, ' ');
    expect(noReason.statusCode).toBe(400);
    expect((await exportsInAudit()).length).toBe(before);
  });

  it('answers customer_merged and customer_erased, writing nothing', async () => {
    const other = await ok(t.call('POST', '/customers', cookies.cashier, { name: 'Erin Twice' }));
    const otherId = JSON.parse(other.body).customer.id;
    await ok(
      t.call('POST', `/customers/${customer.id}/merge`, cookies.supervisor, {
        otherCustomerId: otherId,
      }),
    );
    const before = (await exportsInAudit()).length;
    const merged = await exported(cookies.admin, otherId);
    expect(merged.statusCode).toBe(409);
    expect(merged.json().code).toBe('customer_merged');
    const erasure = await t.call('POST', `/customers/${customer.id}/erase`, cookies.admin, {
      reason: 'customer asked to be forgotten',
      storeCredit: 'paid_out',
      points: 'forfeited',
    });
    expect(erasure.statusCode, erasure.body).toBe(200);
    const erased = await exported(cookies.admin);
    expect(erased.statusCode).toBe(409);
    expect(erased.json().code).toBe('customer_erased');
    expect((await exportsInAudit()).length).toBe(before);
  });
});
