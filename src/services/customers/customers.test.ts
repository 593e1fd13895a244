import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.ts';
import { createTestShop, serviceDeps, type TestShop } from '../../../test/support/deps.ts';
import type { DatabaseHandle } from '../../store/database.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { revealContacts } from './customer-contacts.ts';
import {
  createCustomer,
  customerHistory,
  getCustomer,
  listCustomers,
  updateCustomer,
} from './customers.ts';
import { listAudit } from '../platform/audit.ts';

describe.each(testDatabases())('customers on $name', (database) => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  let shop: TestShop;

  beforeAll(async () => {
    handle = await database.open();
    deps = serviceDeps(handle);
    shop = await createTestShop(deps);
  });
  afterAll(() => handle.close());

  it('creates a customer with only a name, with a valid customer number', async () => {
    const result = await createCustomer({
      deps,
      actor: shop.actors.cashier,
      input: { name: '  Ann   Smith ' },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.customer).toMatchObject({
      name: 'Ann Smith',
      status: 'active',
      version: 1,
    });
    expect(result.value.customer.number).toMatch(/^\d{9}$/);
    expect(result.value.customer.contactMask).toEqual({
      maskedPhone: null,
      maskedEmail: null,
      hasAddress: false,
      hasBirthday: false,
    });
  });

  it('stores contact details encrypted: no clear phone or email anywhere in the database', async () => {
    const created = await createCustomer({
      deps,
      actor: shop.actors.cashier,
      input: {
        name: 'Brenda Clear',
        phone: '07911 123555',
        email: 'Brenda.Clear@Example.com',
        birthday: '1980-05-17',
        address: { line1: '12 Pier Road', city: 'Brighton', postcode: 'bn1 1aa', country: 'gb' },
      },
    });
    if (!created.ok) throw new Error(created.message);
    const dump = await sql<{ dump: string }>`
      SELECT string_agg(t::text, ' ') AS dump FROM (
        SELECT to_jsonb(c)::text AS t FROM customer_contacts c
        UNION ALL SELECT to_jsonb(l)::text FROM customer_lookups l
        UNION ALL SELECT to_jsonb(x)::text FROM customers x
        UNION ALL SELECT to_jsonb(h)::text FROM customer_changes h
        UNION ALL SELECT to_jsonb(a)::text FROM audit_log a) rows`.execute(handle.db);
    const text = dump.rows[0]?.dump ?? '';
    for (const secret of [
      '7911123555',
      '123555',
      'brenda.clear@example.com',
      'Pier Road',
      '1980-05-17',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(created.value.customer.contactMask).toEqual({
      maskedPhone: '••• ••• ••55',
      maskedEmail: 'b•••@e•••.com',
      hasAddress: true,
      hasBirthday: true,
    });
  });

  it('warns about a duplicate phone or email on create, and still creates', async () => {
    await createCustomer({
      deps,
      actor: shop.actors.cashier,
      input: { name: 'Carl First', phone: '+447911123700' },
    });
    const second = await createCustomer({
      deps,
      actor: shop.actors.cashier,
      input: {
        name: 'Carla Second',
        phone: '07911 123700',
        email: 'carl@example.com',
      },
    });
    if (!second.ok) throw new Error(second.message);
    expect(second.value.duplicates).toEqual([
      expect.objectContaining({ name: 'Carl First', matchedOn: 'phone' }),
    ]);
  });

  it('rejects bad input naming the field and writes nothing', async () => {
    const before = await listCustomers(deps, { page: 1, pageSize: 1 });
    const cases = [
      [{ name: '' }, 'name'],
      [{ name: 'X', phone: 'not a phone' }, 'phone'],
      [{ name: 'X', email: 'nobody' }, 'email'],
      [{ name: 'X', birthday: '2099-01-01' }, 'birthday'],
      [{ name: 'X', address: { line1: 'a', city: 'b', country: 'GB' } }, 'address.postcode'],
    ] as const;
    for (const [input, field] of cases) {
      const result = await createCustomer({ deps, actor: shop.actors.cashier, input });
      expect(result).toMatchObject({ ok: false, code: 'validation_failed', field });
    }
    const consent = await createCustomer({
      deps,
      actor: shop.actors.cashier,
      input: {
        name: 'No Wording',
        consents: [{ channel: 'email', granted: true, wording: '' }],
      },
    });
    expect(consent).toMatchObject({ ok: false, field: 'consents[0].wording' });
    const after = await listCustomers(deps, { page: 1, pageSize: 1 });
    expect(after.total).toBe(before.total);
  });

  it('edits with a change history that names contact changes without their values', async () => {
    const created = await createCustomer({
      deps,
      actor: shop.actors.cashier,
      input: {
        name: 'Dora Edit',
        email: 'dora@example.com',
      },
    });
    if (!created.ok) throw new Error(created.message);
    const id = created.value.customer.id;
    const updated = await updateCustomer({
      deps,
      actor: shop.actors.cashier,
      id,
      input: {
        name: 'Dora Edited',
        email: null,
        phone: '07911 123987',
        preferences: { sizes: ['M', ' M ', 'L'], brands: 'Levi, Barbour' },
        expectedVersion: 1,
      },
    });
    if (!updated.ok) throw new Error(updated.message);
    expect(updated.value).toMatchObject({
      name: 'Dora Edited',
      version: 2,
      preferences: { sizes: ['M', 'L'], brands: ['Levi', 'Barbour'], interests: [] },
      contactMask: { maskedEmail: null, maskedPhone: '••• ••• ••87' },
    });
    const history = await customerHistory(deps.db, id);
    if (!history.ok) throw new Error(history.message);
    expect(history.value.map((change) => change.kind)).toEqual(['updated', 'created']);
    expect(history.value[0]?.fields).toMatchObject({
      name: { from: 'Dora Edit', to: 'Dora Edited' },
      email: 'removed',
      phone: 'added',
    });
    expect(JSON.stringify(history.value)).not.toContain('dora@example.com');
    const stale = await updateCustomer({
      deps,
      actor: shop.actors.cashier,
      id,
      input: {
        notes: 'x',
        expectedVersion: 1,
      },
    });
    expect(stale).toMatchObject({ ok: false, code: 'version_conflict' });
  });

  it('reveals contacts only with a reason, and logs every reveal', async () => {
    const created = await createCustomer({
      deps,
      actor: shop.actors.cashier,
      input: {
        name: 'Eve Reveal',
        phone: '07911 246810',
      },
    });
    if (!created.ok) throw new Error(created.message);
    const id = created.value.customer.id;
    expect(
      await revealContacts({ deps, actor: shop.actors.supervisor, customerId: id, reason: ' ' }),
    ).toMatchObject({
      ok: false,
      field: 'reason',
    });
    const revealed = await revealContacts({
      deps,
      actor: shop.actors.supervisor,
      customerId: id,
      reason: 'Customer asked for a callback',
    });
    expect(revealed).toEqual({
      ok: true,
      value: { phone: '+447911246810', email: null, address: null, birthday: null },
    });
    const audit = await listAudit(deps.db, {
      action: 'customer.contacts_revealed',
      subjectId: id,
      page: 1,
      pageSize: 10,
    });
    expect(audit.total).toBe(1);
    expect(audit.items[0]).toMatchObject({
      actorLabel: shop.staff.supervisor.username,
      detail: { reason: 'Customer asked for a callback', fields: ['phone'] },
    });
    expect(JSON.stringify(audit.items)).not.toContain('246810');
  });

  it('keeps no card number in clear in the history when an old note holding one is corrected', async () => {
    const created = await createCustomer({
      deps,
      actor: shop.actors.cashier,
      input: { name: 'Old Note' },
    });
    if (!created.ok) throw new Error(created.message);
    const id = created.value.customer.id;
    // A note typed before the guard existed, as an older version stored it.
    await sql`UPDATE customers SET notes = 'paid with 4111 1111 1111 1111' WHERE id = ${id}`.execute(
      deps.db,
    );
    const corrected = await updateCustomer({
      deps,
      actor: shop.actors.cashier,
      id,
      input: {
        name: 'Old Note',
        notes: 'paid by card',
      },
    });
    expect(corrected.ok).toBe(true);
    const history = await customerHistory(deps.db, id);
    if (!history.ok) throw new Error(history.message);
    const change = JSON.stringify(history.value[0]!.fields);
    expect(change).not.toMatch(/4111 1111 1111/);
    expect(change).toContain('paid with •••• •••• •••• 1111');
  });

  it('returns customer_not_found for an unknown id', async () => {
    expect(await getCustomer(deps, '01900000-0000-7000-8000-000000000000')).toMatchObject({
      ok: false,
      code: 'customer_not_found',
    });
  });
});
