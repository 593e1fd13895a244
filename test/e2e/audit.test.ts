import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revealContacts } from '../../src/services/customers/customer-contacts.ts';
import { createCustomer } from '../../src/services/customers/customers.ts';
import { adjustStoreCredit } from '../../src/services/stored-value/store-credit.ts';
import { minor } from '../../src/domain/units.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { testDatabases } from '../support/databases.ts';
import { openInBrowser, signInAtTill } from '../support/browser.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

/** The audit log as an auditor reads it: actions, people and money in words, filtered. */
describe('audit log in a browser', () => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  let number: string;

  beforeAll(async () => {
    handle = await testDatabases()[0]!.open();
    t = await buildTestApp(handle);
    const created = await createCustomer({
      deps: t.deps,
      actor: t.shop.actors.cashier,
      input: { name: 'Ann Audit' },
    });
    if (!created.ok) throw new Error(created.message);
    number = created.value.customer.number;
    const id = created.value.customer.id;
    const revealed = await revealContacts({
      deps: t.deps,
      actor: t.shop.actors.supervisor,
      customerId: id,
      reason: 'customer asked',
    });
    if (!revealed.ok) throw new Error(revealed.message);
    const credit = await adjustStoreCredit({
      deps: t.deps,
      actor: t.shop.actors.supervisor,
      customerId: id,
      input: { currency: 'GBP', amount: minor(5000), reason: 'goodwill' },
      idempotencyKey: 'audit-e2e-credit',
    });
    if (!credit.ok) throw new Error(credit.message);
    ({ browser, page, baseUrl } = await openInBrowser(t.app, { width: 1024, height: 768 }));
  });

  afterAll(async () => {
    await browser?.close();
    await t?.app.close();
    await handle?.close();
  });

  const rows = () => page.getByTestId('audit-row');
  const rowTexts = async () => (await rows().allTextContents()).join('\n');

  it('reads as words: the action, the staff member, the customer, the money', async () => {
    await page.goto(baseUrl);
    await signInAtTill(page, 'supervisor1');
    await page.goto(`${baseUrl}/#/audit`);
    await expect.poll(rowTexts, { timeout: 8_000 }).toContain('Contact details revealed');
    const text = await rowTexts();
    expect(text).toContain('Customer created');
    expect(text).toContain('Store credit adjusted');
    expect(text).toContain('Test supervisor');
    expect(text).toContain(`${number} Ann Audit`);
    expect(text).toContain('amount: £50.00');
    expect(text).toContain('reason: customer asked');
    expect(text).not.toContain('5000');
    await page.screenshot({ path: '/tmp/audit.png' });
  });

  it('filters by what, by who and by when', async () => {
    await page.getByTestId('audit-action').selectOption('customer.created');
    await expect.poll(() => rows().count(), { timeout: 8_000 }).toBe(1);
    expect(await rowTexts()).toContain('Test cashier');

    await page.getByTestId('audit-action').selectOption('');
    await page.getByTestId('audit-who').fill('supervisor');
    await expect
      .poll(async () => (await rows().allTextContents()).every((r) => r.includes('supervisor1')), {
        timeout: 8_000,
      })
      .toBe(true);
    expect(await rowTexts()).not.toContain('Customer created');

    const tomorrow = new Date(Date.now() + 86_400_000);
    const day = [
      tomorrow.getFullYear(),
      String(tomorrow.getMonth() + 1).padStart(2, '0'),
      String(tomorrow.getDate()).padStart(2, '0'),
    ].join('-');
    await page.getByTestId('audit-from').fill(day);
    await expect
      .poll(() => page.getByTestId('audit-table').textContent(), { timeout: 8_000 })
      .toContain('Nothing logged matches these filters.');
  });
});
