import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.ts';
import { createTestShop, serviceDeps, type TestShop } from '../../../test/support/deps.ts';
import { selectCustomersByExternalIds } from '../../store/customer-external-ids.ts';
import type { DatabaseHandle } from '../../store/database.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { purchaseSummary } from './purchase-history.ts';
import { importSalesCsv } from './sales-import.ts';

const file = join(import.meta.dirname, '../../../../shared/data/online-retail-sample.csv');

/** Per-customer totals in pence straight from the file, independently of the importer. */
function totalsFromFile(csv: string): Map<string, number> {
  const totals = new Map<string, number>();
  for (const row of parse(csv, { columns: true }) as Record<string, string>[]) {
    if (!row.CustomerID) continue;
    const [pounds = '0', pence = ''] = row.UnitPrice!.split('.');
    const unit = Number(pounds) * 100 + Number(pence.padEnd(2, '0'));
    const quantity = Number(row.Quantity);
    if (unit === 0 || (quantity < 0 && !row.InvoiceNo!.startsWith('C'))) continue;
    totals.set(row.CustomerID, (totals.get(row.CustomerID) ?? 0) + unit * quantity);
  }
  return totals;
}

describe.each(testDatabases())(
  'importing real sales history on $name',
  { timeout: 240_000 },
  (database) => {
    let handle: DatabaseHandle;
    let deps: ServiceDeps;
    let shop: TestShop;
    const csv = readFileSync(file, 'utf8');

    beforeAll(async () => {
      handle = await database.open();
      deps = serviceDeps(handle);
      shop = await createTestShop(deps);
    });
    afterAll(() => handle.close());

    it('accounts for every line, turns cancellations into returns, and matches the per-customer totals', async () => {
      const result = await importSalesCsv({ deps, actor: shop.actors.admin, csv });
      if (!result.ok) throw new Error(result.message);
      const report = result.value;
      expect(report.lines).toHaveLength(28_492);
      expect(report.imported + report.rejected).toBe(28_492);
      expect(new Set(report.lines.map((line) => line.line)).size).toBe(28_492);
      expect(report.returns).toBe(156);
      // 1,275 invoices in the file; 125 hold nothing but zero-priced lines.
      expect(report.sales).toBe(994);
      expect(report.customersCreated).toBe(713);
      const reasons = report.lines.flatMap((line) =>
        line.status === 'rejected' ? [line.reason] : [],
      );
      expect(reasons.every((reason) => /stock adjustment|zero unit price/.test(reason))).toBe(true);
      // 185 lines at a zero price, 67 of them also stock adjustments (negative, not cancelled).
      expect(report.rejected).toBe(185);

      const expected = totalsFromFile(csv);
      const customers = await selectCustomersByExternalIds(deps.db, 'import', [...expected.keys()]);
      for (const [externalId, total] of expected) {
        const summary = await purchaseSummary(deps, customers.get(externalId)!);
        if (!summary.ok) throw new Error(summary.message);
        expect(summary.value.lifetimeSpend, `customer ${externalId}`).toBe(total);
      }
    });

    it('skips what it already imported when run again', async () => {
      const again = await importSalesCsv({ deps, actor: shop.actors.admin, csv });
      if (!again.ok) throw new Error(again.message);
      expect(again.value).toMatchObject({
        imported: 0,
        alreadyImported: 28_492 - 185,
        rejected: 185,
        customersCreated: 0,
      });
    });

    it('names the columns a file lacks before reading any line', async () => {
      const result = await importSalesCsv({
        deps,
        actor: shop.actors.admin,
        csv: 'Invoice,Sku\n1,A\n',
      });
      expect(result).toMatchObject({ ok: false, code: 'validation_failed', field: 'file' });
      expect(!result.ok && result.message).toContain('missing column InvoiceNo, StockCode');
    });

    it('reports every problem of a line, a card number in the text among them', async () => {
      const result = await importSalesCsv({
        deps,
        actor: shop.actors.admin,
        csv: [
          'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
          '990001,TEE,4111 1111 1111 1111,two,12/1/10 8:26,1.00,,UK',
        ].join('\n'),
      });
      if (!result.ok) throw new Error(result.message);
      const [line] = result.value.lines;
      expect(line?.status === 'rejected' && line.problems).toEqual([
        expect.objectContaining({ code: 'card_number_refused', field: 'Description' }),
        expect.objectContaining({ code: 'validation_failed', field: 'Quantity' }),
      ]);
    });
  },
);
