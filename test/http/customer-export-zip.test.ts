import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectAuditEntries } from '../../src/store/audit.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { createTestCatalogue } from '../support/catalogue.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

const email = 'zip.canary@example.org';

describe.each(testDatabases())(
  'one customer’s export as a zip of CSV files on $name',
  (database) => {
    let handle: DatabaseHandle;
    let t: TestApp;
    let supervisor: string;
    let cashier: string;
    let customer: { id: string; number: string };

    const exportAs = (cookie: string, accept?: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/customers/${customer.id}/export`,
        headers: { cookie, ...(accept ? { accept } : {}) },
        payload: { reason: 'customer asked for a spreadsheet' },
      });
    const exportZip = (cookie: string) => exportAs(cookie, 'application/zip');

    beforeAll(async () => {
      handle = await database.open();
      t = await buildTestApp(handle);
      await createTestCatalogue(handle.db);
      supervisor = await t.cookieFor('supervisor');
      cashier = await t.cookieFor('cashier');
      const created = await t.call('POST', '/customers', cashier, { name: 'Zed Zip', email });
      expect(created.statusCode, created.body).toBe(201);
      customer = created.json().customer;
      const sale = await t.call('POST', '/sales', cashier, {
        customer: { id: customer.id },
        lines: [
          { product: 'TEE-M-BLK', quantity: 2 },
          { product: 'TEE-M-BLK', quantity: 1 },
        ],
        tenders: [{ kind: 'cash', received: 10_000 }],
      });
      expect(sale.statusCode, sale.body).toBeLessThan(300);
    });
    afterAll(async () => {
      await t.app.close();
      await handle.close();
    });

    it('answers a zip attachment, never cached, whose CSV files hold the same as the JSON', async () => {
      const response = await exportZip(supervisor);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toBe('application/zip');
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="customer-${customer.number}-export.zip"`,
      );
      expect(response.headers['cache-control']).toBe('no-store');
      const files = unzipSync(new Uint8Array(response.rawPayload));
      expect(Object.keys(files)).toEqual(expect.arrayContaining(['README.txt', 'purchases.csv']));
      const contacts: Record<string, string>[] = parse(strFromU8(files['contacts.csv']!), {
        columns: true,
      });
      expect(contacts[0]?.email).toBe(email);
      const json = (
        await t.call('POST', `/customers/${customer.id}/export`, supervisor, { reason: 'compare' })
      ).json();
      const purchases: Record<string, string>[] = parse(strFromU8(files['purchases.csv']!), {
        columns: true,
      });
      const lines = json.purchases.flatMap((sale: { lines: { total: number }[] }) => sale.lines);
      expect(purchases).toHaveLength(lines.length);
      expect(purchases.map((row) => Number(row.total_minor))).toEqual(
        lines.map((line: { total: number }) => line.total),
      );
      expect(strFromU8(files['README.txt']!)).toContain(`customer ${customer.number}`);
    });

    it('audits each export with its format', async () => {
      await exportZip(supervisor);
      const { rows } = await selectAuditEntries(handle.db, {
        action: 'customer.exported',
        offset: 0,
        limit: 100,
      });
      const formats = rows.map((row) => (row.detail as { format?: string }).format);
      expect(formats).toContain('zip');
      expect(formats).toContain('json');
    });

    it('still answers the JSON document unless Accept prefers the zip', async () => {
      const accepts = [undefined, '*/*', 'application/json', 'application/json, application/zip'];
      for (const accept of [...accepts, 'application/zip;q=0.5, application/json']) {
        const response = await exportAs(supervisor, accept);
        expect(response.statusCode, accept).toBe(200);
        expect(response.headers['content-type'], accept).toMatch(/^application\/json/);
        expect(response.json().customer.number).toBe(customer.number);
      }
      const zipFirst = await exportAs(supervisor, 'application/zip, application/json;q=0.9');
      expect(zipFirst.headers['content-type']).toBe('application/zip');
      expect(zipFirst.headers.vary).toContain('Accept');
    });

    it('refuses a cashier and an export without a reason with a problem, not a file', async () => {
      const forbidden = await exportZip(cashier);
      expect(forbidden.statusCode).toBe(403);
      expect(forbidden.headers['content-disposition']).toBeUndefined();
      const reasonless = await t.app.inject({
        method: 'POST',
        url: `/api/v1/customers/${customer.id}/export`,
        headers: { cookie: supervisor, accept: 'application/zip' },
        payload: {},
      });
      expect(reasonless.statusCode).toBe(400);
      expect(reasonless.headers['content-type']).toContain('application/problem+json');
    });
  },
);
