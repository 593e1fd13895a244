import { minor } from '../../domain/units.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.ts';
import { createTestShop, serviceDeps, type TestShop } from '../../../test/support/deps.ts';
import { key, printCards, sellCard } from '../../../test/support/stored-value.ts';
import type { DatabaseHandle } from '../../store/database.ts';
import { listAudit, type AuditItem } from './audit.ts';
import type { ServiceDeps } from './context.ts';
import { revealContacts } from '../customers/customer-contacts.ts';
import { importCustomersCsv } from '../customers/customer-csv.ts';
import { createCustomer } from '../customers/customers.ts';
import { changeGiftCardByStaff } from '../stored-value/gift-card-operations.ts';
import { adjustStoreCredit } from '../stored-value/store-credit.ts';

describe.each(testDatabases())('the audit log on $name', (database) => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  let shop: TestShop;
  let customerId: string;
  let customerNumber: string;
  let startedAt: Date;

  beforeAll(async () => {
    handle = await database.open();
    deps = serviceDeps(handle);
    shop = await createTestShop(deps);
    startedAt = new Date();
    const created = await createCustomer({
      deps,
      actor: shop.actors.cashier,
      input: { name: 'Ann Audit' },
    });
    if (!created.ok) throw new Error(created.message);
    customerId = created.value.customer.id;
    customerNumber = created.value.customer.number;
    const revealed = await revealContacts({
      deps,
      actor: shop.actors.supervisor,
      customerId,
      reason: 'customer asked',
    });
    if (!revealed.ok) throw new Error(revealed.message);
    const credit = await adjustStoreCredit({
      deps,
      actor: shop.actors.supervisor,
      customerId,
      input: { currency: 'GBP', amount: minor(5000), reason: 'goodwill' },
      idempotencyKey: key(),
    });
    if (!credit.ok) throw new Error(credit.message);
    const [card] = await printCards(deps, shop.actors.admin, 1);
    await sellCard(deps, shop.actors.cashier, card!, 2000);
    const adjusted = await changeGiftCardByStaff({
      deps,
      actor: shop.actors.supervisor,
      cardRef: card!,
      input: { action: 'adjust', amount: minor(-250), reason: 'damaged' },
      idempotencyKey: key(),
    });
    if (!adjusted.ok) throw new Error(adjusted.message);
  });
  afterAll(() => handle.close());

  const all = async (filter: Partial<Parameters<typeof listAudit>[1]> = {}) =>
    (await listAudit(deps.db, { page: 1, pageSize: 100, ...filter })).items;
  const only = async (action: string): Promise<AuditItem> => {
    const [item] = await all({ action });
    if (!item) throw new Error(`nothing logged for ${action}`);
    return item;
  };

  it('logs the creation of a customer, by whom and which', async () => {
    const created = await only('customer.created');
    expect(created).toMatchObject({
      actor: { kind: 'staff', name: 'Test cashier', username: 'cashier1' },
      customer: { id: customerId, number: customerNumber, name: 'Ann Audit' },
      detail: { source: 'till' },
    });
  });

  it('logs an import once, naming how many customers it created', async () => {
    const result = await importCustomersCsv({
      deps,
      actor: shop.actors.admin,
      csv: 'name\nBea Bulk\nCy Bulk\n',
    });
    expect(result.ok).toBe(true);
    const imported = await only('customers.imported');
    expect(imported.detail).toMatchObject({ imported: 2, rejected: 0 });
    expect((await all({ action: 'customer.created' })).length).toBe(1);
  });

  it('names the staff member and the customer, and gives money its currency', async () => {
    const reveal = await only('customer.contacts_revealed');
    expect(reveal).toMatchObject({
      actor: { name: 'Test supervisor', username: 'supervisor1' },
      customer: { number: customerNumber, name: 'Ann Audit' },
      detail: { reason: 'customer asked' },
    });
    const credit = await only('storecredit.adjusted');
    expect(credit).toMatchObject({ currency: 'GBP', detail: { amount: 5000 } });
    expect(credit.customer?.name).toBe('Ann Audit');
    const card = await only('giftcard.adjust');
    expect(card).toMatchObject({ currency: 'GBP', detail: { amount: -250, reason: 'damaged' } });
    expect(card.subjectLabel).toMatch(/^gift card •••• \d{4}$/);
  });

  it('filters by who, by what and by when, on the server, with paging', async () => {
    const bySupervisor = await all({ who: 'supervisor' });
    expect(bySupervisor.length).toBeGreaterThanOrEqual(3);
    expect(bySupervisor.every((item) => item.actor.username === 'supervisor1')).toBe(true);
    const byName = await all({ who: 'test CASH' });
    expect(byName.every((item) => item.actor.username === 'cashier1')).toBe(true);
    expect(byName.length).toBeGreaterThan(0);
    expect(await all({ who: '100%_' })).toEqual([]);

    expect(await all({ from: new Date(Date.now() + 60_000) })).toEqual([]);
    expect(await all({ to: startedAt })).toEqual([]);
    const today = await all({ from: startedAt, to: new Date(Date.now() + 60_000) });
    expect(today.length).toBeGreaterThanOrEqual(5);

    const page1 = await listAudit(deps.db, { page: 1, pageSize: 2 });
    const page2 = await listAudit(deps.db, { page: 2, pageSize: 2 });
    expect(page1.items).toHaveLength(2);
    expect(page1.total).toBe(page2.total);
    expect(page2.items[0]!.id).not.toBe(page1.items[1]!.id);
  });
});
