import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setCurrentConsentWording } from '../../src/services/customers/consent-wordings.ts';
import { createCustomer } from '../../src/services/customers/customers.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { openInBrowser, signInAtTill } from '../support/browser.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

const newWording = 'Send me news and offers by email, at most once a week.';

/**
 * Consent refresh (F18) in the built app: a customer whose consent was given under a
 * wording the shop has since replaced is asked again at the till, by keyboard.
 */
describe('consent refresh at the till in a browser', () => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  let customerId: string;

  beforeAll(async () => {
    handle = await testDatabases()[0]!.open();
    t = await buildTestApp(handle);
    const created = await createCustomer({
      deps: t.deps,
      actor: t.shop.actors.cashier,
      input: {
        name: 'Olive Oldwording',
        consents: [{ channel: 'email', granted: true, wording: 'Email me offers.' }],
      },
    });
    if (!created.ok) throw new Error(created.message);
    customerId = created.value.customer.id;
    const changed = await setCurrentConsentWording({
      deps: t.deps,
      actor: t.shop.actors.admin,
      channel: 'email',
      text: newWording,
    });
    if (!changed.ok) throw new Error(changed.message);
    ({ browser, page, baseUrl } = await openInBrowser(t.app, { width: 1024, height: 768 }));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.app.close();
    await handle?.close();
  });

  it('asks again in the current wording, and F6 records consent given', async () => {
    await page.goto(baseUrl);
    await signInAtTill(page, 'cashier1');
    await page.keyboard.type('olive old');
    await expect.poll(() => page.getByTestId('till-result').count(), { timeout: 10_000 }).toBe(1);
    await page.keyboard.press('Enter');
    const prompt = page.getByTestId('consent-refresh');
    await expect.poll(() => prompt.textContent(), { timeout: 10_000 }).toContain(newWording);
    expect(await prompt.textContent()).toContain('earlier wording');
    await page.screenshot({ path: '/tmp/consent-refresh-1024.png' });

    await page.keyboard.press('F6');
    await expect.poll(() => prompt.count(), { timeout: 10_000 }).toBe(0);
    const cashier = await t.cookieFor('cashier');
    const history = (await t.call('GET', `/customers/${customerId}/consents`, cashier)).json();
    expect(history.records[0]).toMatchObject({ granted: true, wording: newWording });
    const view = (await t.call('GET', `/customers/${customerId}`, cashier)).json();
    expect(view.customer.consentRefresh).toEqual([]);
  });

  it('lists stale consent in the back office, and the admin sets the wording in Settings', async () => {
    const stale = await createCustomer({
      deps: t.deps,
      actor: t.shop.actors.cashier,
      input: {
        name: 'Stan Stale',
        consents: [{ channel: 'email', granted: true, wording: 'Email me offers.' }],
      },
    });
    if (!stale.ok) throw new Error(stale.message);
    await page.getByTestId('sign-out').click();
    await page.getByText('Back office', { exact: false }).first().click();
    await page.getByTestId('password-username').fill('admin1');
    await page.getByTestId('password-password').fill('correct-horse-1');
    await page.getByTestId('password-submit').click();
    await page.getByTestId('sign-out').waitFor();
    await page.goto(`${baseUrl}/#/consents`);
    const rows = page.getByTestId('stale-consent-row');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
    expect(await rows.first().textContent()).toContain('Stan Stale');

    await page.goto(`${baseUrl}/#/settings`);
    const text = page.getByTestId('consent-wording-email-text');
    await expect.poll(() => text.inputValue(), { timeout: 10_000 }).toBe(newWording);
    await text.fill('Email me news and offers. Unsubscribe at any time.');
    await page.getByTestId('consent-wording-email-save').click();
    await expect
      .poll(() => page.getByTestId('consent-wording-email').textContent(), { timeout: 10_000 })
      .toContain('version 3 in use');
    await page.goto(`${baseUrl}/#/consents`);
    // Olive's refreshed consent is now under the replaced wording too.
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2);

    // The profile marks it and gives it again in the current words.
    await page.goto(`${baseUrl}/#/customers/${stale.value.customer.id}`);
    const badge = page.getByTestId('consent-email-stale');
    await expect.poll(() => badge.textContent(), { timeout: 10_000 }).toContain('earlier wording');
    await page.getByTestId('consent-email-refresh').click();
    await expect.poll(() => badge.count(), { timeout: 10_000 }).toBe(0);
    await page.goto(`${baseUrl}/#/consents`);
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
  });
});
