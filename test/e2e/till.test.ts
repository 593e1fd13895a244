import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCardNumber } from '../../src/domain/customer-number.ts';
import { linkCard } from '../../src/services/customers/customer-cards.ts';
import { createCustomer } from '../../src/services/customers/customers.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { createTestCatalogue } from '../support/catalogue.ts';
import { testDatabases } from '../support/databases.ts';
import { openInBrowser } from '../support/browser.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

const card = makeCardNumber(8080);

/**
 * The built web app in Debian's Chromium against a real server on a real (embedded)
 * database: what a cashier and a supervisor do, by keyboard where a till would.
 */
describe('till and back office in a browser', () => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;

  beforeAll(async () => {
    handle = await testDatabases()[0]!.open();
    t = await buildTestApp(handle);
    for (const input of [
      { name: 'Ann Smith', phone: '07911 123456', email: 'ann.smith@example.com' },
      { name: 'Anna Smithers' },
      { name: 'Bob Marley' },
    ]) {
      const created = await createCustomer({ deps: t.deps, actor: t.shop.actors.cashier, input });
      if (!created.ok) throw new Error(created.message);
      if (input.name === 'Bob Marley')
        await linkCard({
          deps: t.deps,
          actor: t.shop.actors.cashier,
          customerId: created.value.customer.id,
          cardInput: card,
        });
    }
    ({ browser, page, baseUrl } = await openInBrowser(t.app, { width: 1024, height: 768 }));
  });

  afterAll(async () => {
    await browser?.close();
    await t?.app.close();
    await handle?.close();
  });

  it('signs a cashier in with a PIN at a register', async () => {
    await page.goto(baseUrl);
    await page
      .getByTestId('pin-register')
      .selectOption({ label: 'Till 1' })
      .catch(async () => {
        await page.getByTestId('pin-register').selectOption({ index: 1 });
      });
    await page.getByTestId('pin-username').fill('cashier1');
    await page.getByTestId('pin-code').fill('2580');
    await page.getByTestId('pin-submit').click();
    await expect
      .poll(() => page.getByTestId('till-search').isVisible(), { timeout: 10_000 })
      .toBe(true);
  });

  it('finds a customer by scanning a card (digits then Enter)', async () => {
    const search = page.getByTestId('till-search');
    await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(card);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('customer-panel').textContent(), { timeout: 10_000 })
      .toContain('Bob Marley');
  });

  it('finds a customer by name fragments, keyboard only, and shows masked contacts', async () => {
    await page.keyboard.press('Escape');
    await page.getByTestId('till-search').fill('');
    await page.getByTestId('till-search').focus();
    await page.keyboard.type('ann sm');
    await expect.poll(() => page.getByTestId('till-result').count(), { timeout: 10_000 }).toBe(2);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('customer-panel');
    await expect
      .poll(() => panel.textContent(), { timeout: 10_000 })
      .toMatch(/Ann Smith|Anna Smithers/);
    await page.getByTestId('till-search').fill('ann smith');
    await expect
      .poll(() => page.getByTestId('till-result').first().textContent())
      .toContain('Ann Smith');
    await page.keyboard.press('Enter');
    await expect.poll(() => panel.textContent()).toContain('Ann Smith');
    // The panel shows the name at once and its masked contacts when the profile arrives.
    await expect.poll(() => panel.textContent(), { timeout: 10_000 }).not.toContain('Loading…');
    const text = (await panel.textContent()) ?? '';
    expect(text).toContain('56');
    expect(text).not.toContain('7911123456');
    expect(text).not.toContain('ann.smith@example.com');
  });

  it('creates a new customer from the till with F2, warned about a duplicate phone', async () => {
    await page.getByTestId('till-search').focus();
    await page.keyboard.press('F2');
    const form = page.getByTestId('new-customer-form');
    await expect.poll(() => form.isVisible()).toBe(true);
    await page.getByTestId('field-name').fill('Grace Hopper');
    await page.getByTestId('field-phone').fill('07911 123456');
    await page.getByTestId('field-email').focus();
    await expect.poll(() => form.textContent(), { timeout: 10_000 }).toContain('Ann Smith');
    await page.getByTestId('field-phone').fill('07911 123987');
    await page.getByTestId('save-customer').click();
    await expect
      .poll(() => page.getByTestId('customer-panel').textContent(), { timeout: 10_000 })
      .toContain('Grace Hopper');
  });

  it('lets a supervisor reveal contact details with a reason', async () => {
    await page.getByTestId('sign-out').click();
    await page.getByText('Back office', { exact: false }).first().click();
    await page.getByTestId('password-username').fill('supervisor1');
    await page.getByTestId('password-password').fill('correct-horse-1');
    await page.getByTestId('password-submit').click();
    await expect
      .poll(() => page.getByTestId('sign-out').isVisible(), { timeout: 10_000 })
      .toBe(true);
    const found = await t.app.inject({
      url: '/api/v1/customers/search?q=ann%20smith',
      headers: { cookie: await t.cookieFor('supervisor') },
    });
    const id = found.json().results[0].customer.id as string;
    await page.goto(`${baseUrl}/#/customers/${id}`);
    await page.getByTestId('reveal-reason').fill('Customer asked us to confirm her email');
    await page.getByTestId('reveal-button').click();
    await expect
      .poll(() => page.getByTestId('revealed-contacts').textContent(), { timeout: 10_000 })
      .toContain('ann.smith@example.com');
    const audit = await t.app.inject({
      url: `/api/v1/audit?subjectId=${id}`,
      headers: { cookie: await t.cookieFor('admin') },
    });
    expect(audit.json().items[0]).toMatchObject({
      action: 'customer.contacts_revealed',
      actorName: 'supervisor1',
    });
  });
  it('lands a back-office sign-in in the back office, and asks it for a register at the till', async () => {
    await page.getByTestId('sign-out').click();
    await page.getByText('Back office', { exact: false }).first().click();
    await page.getByTestId('password-username').fill('cashier1');
    await page.getByTestId('password-password').fill('correct-horse-1');
    await page.getByTestId('password-submit').click();
    await page.getByTestId('customer-table').waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => window.location.hash)).toBe('#/customers');
    // The till will not sell without a register: it asks which one, with the PIN.
    await page.getByRole('link', { name: 'Till' }).click();
    await page.getByTestId('till-register-picker').waitFor();
    expect(await page.getByTestId('till-search').count()).toBe(0);
    await page.getByTestId('till-register').selectOption({ index: 1 });
    await page.getByTestId('till-register-pin').fill('1111');
    await page.getByTestId('till-register-submit').click();
    await page.getByTestId('till-register-error').waitFor();
    await page.getByTestId('till-register-pin').fill('2580');
    await page.getByTestId('till-register-submit').click();
    await page.getByTestId('till-search').waitFor();
    expect(await page.getByTestId('header-register').textContent()).toContain('Till 1');
    // And a sale goes through: no developer message about an outletId.
    await createTestCatalogue(t.deps.db);
    await page.getByTestId('sale-mode').click();
    const skip = page.getByTestId('sale-skip-customer');
    if (await skip.isVisible().catch(() => false)) await skip.click();
    await page.getByTestId('sale-item-input').fill('SOCK-3');
    await page.getByTestId('sale-item-input').press('Enter');
    await page.getByTestId('sale-pay').click();
    await page.getByTestId('tender-exact-cash').click();
    await page.getByTestId('sale-complete').click();
    await page.getByTestId('sale-receipt').waitFor({ timeout: 10_000 });
  });

  it('fits the header on a 1024×768 till with the register name in full', async () => {
    await t.deps.db.updateTable('outlets').set({ name: 'London Covent Garden' }).execute();
    await t.deps.db
      .updateTable('registers')
      .set({ name: 'London Covent Garden till 1' })
      .where('id', '=', t.shop.registerId)
      .execute();
    await t.call('PATCH', '/settings', await t.cookieFor('admin'), { shopName: 'Harbour & Pine' });
    await page.getByTestId('sign-out').click();
    await page.getByTestId('pin-register').selectOption({ label: 'London Covent Garden till 1' });
    await page.getByTestId('pin-username').fill('admin1');
    await page.getByTestId('pin-code').fill('2580');
    await page.getByTestId('pin-submit').click();
    await page.getByTestId('till-search').waitFor();
    const header = await page.locator('header.header').boundingBox();
    expect(header?.height).toBeLessThan(56);
    const register = page.getByTestId('header-register');
    expect(await register.textContent()).toContain('London Covent Garden till 1');
    const box = await register.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(1024);
    expect(await register.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    // The links that make way sit under "More", one click away.
    await page.getByText('More', { exact: true }).click();
    await page.getByRole('link', { name: 'Audit' }).click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/audit');
  });
});
