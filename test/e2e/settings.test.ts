import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { openInBrowser } from '../support/browser.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

/** The back office's Settings page as an admin uses it on a 1024×768 screen. */
describe('shop settings in a browser', () => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;

  beforeAll(async () => {
    handle = await testDatabases()[0]!.open();
    t = await buildTestApp(handle);
    ({ browser, page, baseUrl } = await openInBrowser(t.app, { width: 1024, height: 768 }));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.app.close();
    await handle?.close();
  });

  const hint = () => page.getByTestId('settings-retention-hint').textContent();

  it("shows the country's retention default and saves the shop's own period", async () => {
    await page.goto(baseUrl);
    await page.getByText('Back office', { exact: false }).first().click();
    await page.getByTestId('password-username').fill('admin1');
    await page.getByTestId('password-password').fill('correct-horse-1');
    await page.getByTestId('password-submit').click();
    await page.getByTestId('sign-out').waitFor();
    await page.goto(`${baseUrl}/#/settings`);
    await page.getByTestId('settings-form').waitFor();
    expect(await hint()).toContain('the default for GB, 6 years');
    await page.getByTestId('settings-country').selectOption('NO');
    expect(await hint()).toContain('the default for NO, 5 years');

    await page.getByTestId('settings-retention-years').fill('31');
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('1 to 30');

    await page.getByTestId('settings-retention-years').fill('10');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();
    const admin = await t.cookieFor('admin');
    expect((await t.call('GET', '/settings', admin)).json().settings).toMatchObject({
      defaultCountry: 'NO',
      accountingRetentionYears: 10,
    });
    await page.screenshot({ path: '/tmp/settings-1024.png', fullPage: true });

    await page.getByTestId('settings-retention-years').fill('');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();
    expect((await t.call('GET', '/settings', admin)).json().settings).toMatchObject({
      accountingRetentionYears: null,
    });
  });
});
