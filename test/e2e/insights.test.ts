import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/insights/lapse-rule.ts';
import { createCustomer } from '../../src/services/customers/customers.ts';
import { recomputeInsights } from '../../src/services/insights/insights-recompute.ts';
import type { ServiceDeps } from '../../src/services/platform/context.ts';
import { completeSale } from '../../src/services/sales/sales.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { createTestCatalogue } from '../support/catalogue.ts';
import { testDatabases } from '../support/databases.ts';
import { serviceDeps } from '../support/deps.ts';
import { openInBrowser, signInAtTill } from '../support/browser.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';
import { key } from '../support/stored-value.ts';

const shots = '/tmp/shots-insights';
const viewport = { width: 1024, height: 768 };

/**
 * Insights in a browser at 1024×768 (issue 13, items 5 and 6). A small shop with half a
 * year of history (so the stated rule is in use, and the page says why): the till shows a
 * lapsed regular's hints to a cashier; a marketer reads the Insights page's lists, saves
 * one as a segment, downloads its CSV and sees the RFM grid and charts; a cashier has no
 * Insights link and the API refuses them.
 */
describe('insights in a browser', () => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let deps: ServiceDeps;
  let browser: Browser;
  let baseUrl: string;
  const clock = { now: new Date() };
  const today = new Date().toISOString().slice(0, 10);
  const ids: Record<string, string> = {};

  /** Sales `daysAgo` days back, one per visit, `quantity` pairs of jeans (£80 each). */
  const visits = async (name: string, daysAgo: number[], quantity = 1) => {
    for (const ago of daysAgo) {
      clock.now = new Date(`${addDays(today, -ago)}T11:00:00Z`);
      const sale = await completeSale({
        deps,
        actor: t.shop.actors.cashier,
        input: {
          customer: { id: ids[name]! },
          lines: [{ product: 'JEAN-32', quantity }],
          tenders: [{ kind: 'cash', received: 1_000_000 }],
          idempotencyKey: key(),
        },
      });
      if (!sale.ok) throw new Error(`${sale.code}: ${sale.message}`);
    }
  };

  const customer = async (name: string, birthdayInDays?: number) => {
    const birthday =
      birthdayInDays === undefined ? null : `1985${addDays(today, birthdayInDays).slice(4)}`;
    clock.now = new Date(`${addDays(today, -200)}T09:00:00Z`);
    const created = await createCustomer({
      deps,
      actor: t.shop.actors.cashier,
      input: { name, ...(birthday ? { birthday } : {}) },
    });
    if (!created.ok) throw new Error(created.message);
    ids[name] = created.value.customer.id;
  };

  const api = async (role: 'cashier' | 'marketer' | 'admin' | 'supervisor', url: string) => {
    const response = await t.call('GET', url, await t.cookieFor(role));
    return { status: response.statusCode, body: response.body };
  };

  const newPage = async (): Promise<Page> => {
    const page = await browser.newPage({ viewport });
    page.setDefaultTimeout(8_000);
    await page.goto(baseUrl);
    return page;
  };

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    handle = await testDatabases()[0]!.open();
    t = await buildTestApp(handle);
    // The same database and keys as the app, on a clock the seeding can move back.
    deps = serviceDeps(handle, { now: () => clock.now });
    await createTestCatalogue(handle.db);

    // Larry came every three weeks and has not been in for eleven: lapsed by the rule.
    await customer('Lapsed Larry', 3);
    await visits('Lapsed Larry', [140, 119, 98, 77], 2);
    await customer('Lapsed Lucy', 9);
    await visits('Lapsed Lucy', [160, 130, 100, 60], 3);
    await customer('Lapsed Len');
    await visits('Lapsed Len', [120, 100, 80, 50]);
    await customer('Regular Rita', 12);
    await visits('Regular Rita', [75, 60, 45, 30, 15, 2]);
    await customer('Regular Ravi');
    await visits('Regular Ravi', [90, 60, 30, 5], 2);
    await customer('Steady Sam', 1);
    await visits('Steady Sam', [170, 120, 70, 20]);
    await customer('Once Olive');
    await visits('Once Olive', [20]);
    await customer('Newbie Nia', 0);
    await visits('Newbie Nia', [1]);
    for (const [index, name] of ['Ann Archer', 'Bob Baker', 'Cleo Cole', 'Dev Dale'].entries()) {
      await customer(name, index % 2 === 0 ? 20 + index : undefined);
      await visits(name, [150 - index * 20, 100 - index * 10, 40 - index * 5], 1 + (index % 3));
    }
    clock.now = new Date();
    const run = await recomputeInsights(deps);
    expect(run.method).toBe('rule');

    // Loyalty: Larry's points pay for a reward, which the till suggests.
    const admin = await t.cookieFor('admin');
    expect(
      (await t.call('PATCH', '/loyalty/rules', admin, { enabled: true, spendPerPoint: 1000 }))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await t.call('POST', '/loyalty/rewards', admin, {
          name: '£5 off',
          pointsCost: 20,
          kind: 'amount_off',
          amount: 500,
        })
      ).statusCode,
    ).toBe(200);
    const given = await t.call(
      'POST',
      `/customers/${ids['Lapsed Larry']}/loyalty/adjustments`,
      await t.cookieFor('supervisor'),
      { points: 25, reasonCode: 'goodwill', reason: 'Welcome back' },
    );
    expect(given.statusCode).toBe(201);

    ({ browser, baseUrl } = await openInBrowser(t.app, viewport));
  });

  afterAll(async () => {
    await browser?.close();
    await t?.app.close();
    await handle?.close();
  });

  it('shows a cashier the hints for a lapsed customer, and no Insights', async () => {
    const page = await newPage();
    await signInAtTill(page, t.shop.staff.cashier.username);
    await page.getByTestId('till-search').fill('lapsed larry');
    await expect.poll(() => page.getByTestId('till-result').count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId('till-search').press('Enter');
    await expect
      .poll(() => page.getByTestId('till-insight-rhythm').textContent(), { timeout: 10_000 })
      .toBe('Due back every ~3 weeks, last seen 11 weeks ago — welcome them back');
    expect(await page.getByTestId('till-insight-birthday').textContent()).toBe(
      'Birthday this week',
    );
    expect(await page.getByTestId('till-insight-reward').textContent()).toBe(
      'Can use: £5 off (20 points)',
    );
    expect(await page.getByTestId('till-insight-method').textContent()).toContain('simple rule');
    expect(await page.getByTestId('till-insight-segment').count()).toBe(1);
    await page.screenshot({ path: `${shots}/till-hints-1024.png` });

    // No link for a cashier, inline or under "More", and the API says no.
    expect(await page.locator('a[href="#/insights"]').count()).toBe(0);
    await page.goto(`${baseUrl}/#/insights`);
    await expect
      .poll(() => page.locator('.page-message').textContent())
      .toContain('does not allow');
    for (const url of ['/insights/summary', '/insights/lapsed', '/insights/lapsed.csv']) {
      expect((await api('cashier', url)).status).toBe(403);
    }
    await page.close();
  });

  it('shows a marketer the lists, the segment saving, the CSV and the charts', async () => {
    const page = await newPage();
    await signInAtTill(page, t.shop.staff.marketer.username);
    await page.locator('a[href="#/insights"]').click();
    await expect
      .poll(() => page.getByTestId('insights-method').textContent(), { timeout: 10_000 })
      .toMatch(
        /^Rule: 3\+ visits in 6 months and none in the last 6 weeks — only \d+ customers with a purchase/,
      );

    // Lapsed, most value at risk first: a year at their own pace is £160 every three
    // weeks for Larry, £240 a month for Lucy, £80 every three weeks for Len.
    const lapsedRows = page.getByTestId('insights-lapsed-table-row');
    await expect.poll(() => lapsedRows.count(), { timeout: 10_000 }).toBe(3);
    const names = (await lapsedRows.locator('a').allTextContents()).map((text) =>
      text.replace(/^\S+ /, ''),
    );
    expect(names).toEqual(['Lapsed Larry', 'Lapsed Lucy', 'Lapsed Len']);
    expect(await lapsedRows.first().locator('a').getAttribute('href')).toBe(
      `#/customers/${ids['Lapsed Larry']}`,
    );
    await page.screenshot({ path: `${shots}/insights-lapsed-1024.png` });

    // Save as segment: the filter, by name.
    await page.getByTestId('insights-lapsed-save-segment').click();
    await page.getByTestId('insights-lapsed-segment-name').fill('Lapsed regulars');
    await page.screenshot({ path: `${shots}/insights-save-segment-1024.png` });
    await page.getByTestId('insights-lapsed-segment-save').click();
    await expect
      .poll(() => page.getByTestId('insights-lapsed-segment-saved').textContent())
      .toContain('Lapsed regulars');
    const segments = await api('marketer', '/insights/segments');
    expect(segments.body).toContain('Lapsed regulars');

    // The CSV link downloads the list with the session (personal data: audited).
    const href = (await page.getByTestId('insights-lapsed-csv').getAttribute('href')) ?? '';
    const csv = await page.evaluate(async (url) => {
      const response = await fetch(url);
      return { status: response.status, text: await response.text() };
    }, href);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('Lapsed Larry');

    // Birthdays in the next 14 days (the shop's setting), nearest first.
    await page.getByTestId('insights-tab-birthdays').click();
    const birthdayRows = page.getByTestId('insights-birthdays-table-row');
    await expect.poll(() => birthdayRows.count(), { timeout: 10_000 }).toBe(5);
    expect(await birthdayRows.first().textContent()).toContain('Newbie Nia');
    await page.screenshot({ path: `${shots}/insights-birthdays-1024.png` });
    await page.getByTestId('insights-birthdays-days').fill('5');
    await expect.poll(() => birthdayRows.count(), { timeout: 10_000 }).toBe(3);

    // Top customers by visits.
    await page.getByTestId('insights-tab-top').click();
    await page.getByTestId('insights-top-by').selectOption('frequency');
    await expect
      .poll(() => page.getByTestId('insights-top-table-row').first().textContent(), {
        timeout: 10_000,
      })
      .toContain('Regular Rita');
    await page.screenshot({ path: `${shots}/insights-top-1024.png` });

    // The RFM grid and the three charts.
    await page.getByTestId('insights-tab-overview').click();
    await page.getByTestId('insights-rfm-grid').waitFor();
    for (const chart of ['segments', 'value', 'visits']) {
      await page.getByTestId(`insights-chart-${chart}`).locator('svg').first().waitFor();
    }
    await page.screenshot({ path: `${shots}/insights-overview-1024.png`, fullPage: true });

    // A segment of the grid is saved by a cell's click: "Hibernating" for all outlets.
    await page.getByTestId('rfm-cell-2-1').click();
    expect(await page.getByTestId('insights-segment').inputValue()).toBe('Hibernating');
    await page.getByTestId('insights-segment-save-segment').click();
    expect(await page.getByTestId('insights-segment-segment-name').inputValue()).toBe(
      'Hibernating',
    );
    await page.getByTestId('insights-segment-segment-save').click();
    await expect
      .poll(() => page.getByTestId('insights-segment-segment-saved').textContent())
      .toContain('Hibernating');
    const saved = JSON.parse((await api('marketer', '/insights/segments')).body) as {
      segments: { name: string; definition: Record<string, unknown> }[];
    };
    expect(
      saved.segments.find((segment) => segment.name === 'Hibernating')?.definition,
    ).toMatchObject({ list: 'segment', segment: 'Hibernating', outletId: null });

    // The outlet filter reaches the lists, their CSV files and what a segment saves.
    await page.getByTestId('insights-tab-lapsed').click();
    await page.getByTestId('insights-outlet').selectOption(t.shop.outletId);
    await expect.poll(() => lapsedRows.count(), { timeout: 10_000 }).toBe(3);
    expect(await page.getByTestId('insights-lapsed-csv').getAttribute('href')).toBe(
      `/api/v1/insights/lapsed.csv?outletId=${t.shop.outletId}`,
    );
    await page.getByTestId('insights-lapsed-save-segment').click();
    expect(await page.getByTestId('insights-lapsed-segment-name').inputValue()).toBe(
      'Lapsed — Test Outlet',
    );
    await page.close();
  });

  it('names the model in the header and shows its forecasts when the model is in use', async () => {
    // This shop is too small for the model; its answers are rewritten as a large shop's
    // would read, to see the page's model layout at 1024×768.
    const page = await newPage();
    await page.route('**/api/v1/insights/summary*', async (route) => {
      const response = await route.fetch();
      const summary = (await response.json()) as { run: Record<string, unknown> };
      summary.run = {
        ...summary.run,
        method: 'model',
        modelVersion: 'mbg-nbd+gamma-gamma/1',
        fallbackReason: null,
        converged: true,
        params: { r: 0.243, alpha: 4.41, a: 0.793, b: 2.43, p: 6.25, q: 3.74, v: 15.4 },
        customersWithPurchase: 23_570,
        customers: 24_000,
        historyDays: 546,
      };
      await route.fulfill({ response, json: summary });
    });
    for (const list of ['lapsed', 'top']) {
      await page.route(`**/api/v1/insights/${list}?*`, async (route) => {
        const response = await route.fetch();
        const answer = (await response.json()) as { items: Record<string, unknown>[] };
        answer.items = answer.items.map((item, index) => ({
          ...item,
          pAlive: 0.12 + index * 0.05,
          value12m: 48_000 - index * 1_500,
        }));
        await route.fulfill({ response, json: answer });
      });
    }
    await signInAtTill(page, t.shop.staff.marketer.username);
    await page.locator('a[href="#/insights"]').click();
    await expect
      .poll(() => page.getByTestId('insights-method').textContent(), { timeout: 10_000 })
      .toMatch(/^Model: MBG\/NBD fitted on 23,570 customers, computed /);
    expect(await page.getByTestId('insights-run-detail').textContent()).toContain('r 0.243');
    await expect
      .poll(() => page.getByTestId('insights-lapsed-table').textContent())
      .toContain('12%');
    await page.screenshot({ path: `${shots}/insights-model-lapsed-1024.png` });
    await page.getByTestId('insights-tab-top').click();
    await expect
      .poll(() => page.getByTestId('insights-top-table').textContent())
      .toContain('£480.00');
    expect(await page.getByTestId('insights-top-by').textContent()).toContain(
      'Value next 12 months',
    );
    await page.screenshot({ path: `${shots}/insights-model-top-1024.png` });
    await page.close();
  });
});
