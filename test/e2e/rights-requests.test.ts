import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { openInBrowser } from '../support/browser.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

const day = 86_400_000;

/** The back office's Requests screen as a supervisor uses it on a 1024×768 screen. */
describe('rights requests in a browser', () => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  let lateId: string;
  let customerId: string;

  beforeAll(async () => {
    handle = await testDatabases()[0]!.open();
    t = await buildTestApp(handle);
    const supervisor = await t.cookieFor('supervisor');
    const customer = (
      await t.call('POST', '/customers', supervisor, { name: 'Olga Overdue-Requester' })
    ).json().customer;
    const late = await t.call('POST', `/customers/${customer.id}/rights-requests`, supervisor, {
      kind: 'erasure',
      requestedBy: 'by letter, signed and dated, received at the Brighton shop counter',
      requestedAt: new Date(Date.now() - 35 * day).toISOString(),
      note: 'Asked for written confirmation',
    });
    expect(late.statusCode, late.body).toBe(201);
    lateId = late.json().request.id;
    customerId = customer.id;
    const fresh = await t.call('POST', `/customers/${customer.id}/rights-requests`, supervisor, {
      kind: 'export',
      requestedBy: 'the customer in person',
    });
    expect(fresh.statusCode, fresh.body).toBe(201);
    ({ browser, page, baseUrl } = await openInBrowser(t.app, { width: 1024, height: 768 }));
  });

  afterAll(async () => {
    await browser?.close();
    await t?.app.close();
    await handle?.close();
  });

  const rows = () => page.getByTestId('requests-row');

  it('lists the open requests, the overdue one first and marked, without scrolling sideways', async () => {
    await page.goto(baseUrl);
    await page.getByText('Back office', { exact: false }).first().click();
    await page.getByTestId('password-username').fill('supervisor1');
    await page.getByTestId('password-password').fill('correct-horse-1');
    await page.getByTestId('password-submit').click();
    await page.getByTestId('sign-out').waitFor();
    await page.goto(`${baseUrl}/#/requests`);
    await expect.poll(() => rows().count()).toBe(2);
    const first = rows().first();
    expect(await first.getAttribute('class')).toBe('overdue');
    expect(await first.textContent()).toContain('Olga Overdue-Requester');
    expect(await first.textContent()).toContain('Erasure');
    expect(await first.textContent()).toContain('Overdue');
    expect(await rows().nth(1).getAttribute('class')).toBeNull();
    expect(await page.getByTestId('requests-overdue').textContent()).toBe('1 request is overdue.');
    const sideways = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(sideways).toBe(0);
    await page.screenshot({ path: '/tmp/rights-requests-1024.png', fullPage: true });
  });

  it('marks a request done with what was done; it leaves the list', async () => {
    const first = rows().first();
    await first.getByTestId('requests-mark-done').click();
    await first.getByTestId('requests-save').click();
    expect(await first.getByTestId('requests-error').textContent()).toContain('Say what was done');
    await first.getByTestId('requests-outcome').fill('erased; confirmation posted');
    await page.screenshot({ path: '/tmp/rights-requests-form-1024.png', fullPage: true });
    await first.getByTestId('requests-save').click();
    await expect.poll(() => rows().count()).toBe(1);
    const stored = await handle.db
      .selectFrom('rights_requests')
      .select(['outcome', 'done_at'])
      .where('id', '=', lateId)
      .executeTakeFirstOrThrow();
    expect(stored.outcome).toBe('erased; confirmation posted');
    expect(stored.done_at).not.toBeNull();
    expect(await page.getByTestId('requests-overdue').count()).toBe(0);
  });

  it('records a request from the customer’s profile, where the done one shows its outcome', async () => {
    await page.goto(`${baseUrl}/#/customers/${customerId}`);
    const section = page.getByTestId('rights-requests');
    await expect
      .poll(() => section.getByTestId('rights-requests-list').locator('li').count())
      .toBe(2);
    expect(await section.textContent()).toContain('erased; confirmation posted');
    await section.getByTestId('rights-request-record').click();
    expect(await section.textContent()).toContain('Say how the request came');
    await section.getByTestId('rights-request-kind').selectOption('objection');
    await section.getByTestId('rights-request-by').fill('by email to the shop');
    await section.getByTestId('rights-request-record').click();
    await expect
      .poll(() => section.getByTestId('rights-requests-list').locator('li').count())
      .toBe(3);
    expect(await section.textContent()).toContain('Objection to profiling');
    await page.screenshot({ path: '/tmp/rights-requests-profile-1024.png', fullPage: true });
    await page.goto(`${baseUrl}/#/requests`);
    await expect.poll(() => rows().count()).toBe(2);
  });
});
