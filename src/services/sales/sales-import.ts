import { noPoints } from '../../domain/units.ts';
import { priceLine, saleTotals } from '../../domain/sales.ts';
import {
  onlineRetailMapping,
  readSaleLine,
  type ImportedSaleLine,
  type SalesColumnMapping,
} from '../../domain/sales-import.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import {
  insertCustomerExternalIds,
  selectCustomersByExternalIds,
} from '../../store/customer-external-ids.ts';
import type { Db } from '../../store/database.ts';
import { newId } from '../../store/ids.ts';
import { findOutlet, selectOutlets, type OutletRow } from '../../store/outlets.ts';
import { selectProductsByCodes, upsertProducts, type ProductRow } from '../../store/catalogue.ts';
import {
  insertSale,
  nextSaleNumber,
  selectImportedRefs,
  type StoredSale,
  withoutLoyalty,
} from '../../store/sales.ts';
import { inTransaction } from '../../store/transaction.ts';
import { recordAudit } from '../platform/audit.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import { lineProblem, readCsvLines, type LineProblem } from '../platform/csv-rows.ts';
import { insertValidatedCustomers } from '../customers/customer-bulk.ts';
import { saleNumberOf } from './sales.ts';

export type SalesImportLine =
  | { line: number; status: 'imported' | 'already_imported'; invoice: string }
  | ({ line: number; status: 'rejected'; problems: LineProblem[] } & LineProblem);

export type SalesImportReport = {
  lines: SalesImportLine[];
  imported: number;
  alreadyImported: number;
  rejected: number;
  sales: number;
  returns: number;
  customersCreated: number;
  productsCreated: number;
};

const source = 'import';

type Invoice = { invoice: string; lines: { line: number; sale: ImportedSaleLine }[] };

function groupInvoices(accepted: { line: number; sale: ImportedSaleLine }[]): Invoice[] {
  const invoices = new Map<string, Invoice>();
  for (const item of accepted) {
    const invoice = invoices.get(item.sale.invoice) ?? { invoice: item.sale.invoice, lines: [] };
    invoice.lines.push(item);
    invoices.set(item.sale.invoice, invoice);
  }
  return [...invoices.values()];
}

async function customerIdsFor(
  deps: ServiceDeps,
  actor: Actor,
  externalIds: string[],
): Promise<{ ids: Map<string, string>; created: number }> {
  const ids = await selectCustomersByExternalIds(deps.db, source, externalIds);
  const missing = externalIds.filter((id) => !ids.has(id));
  for (let start = 0; start < missing.length; start += 500) {
    const batch = missing.slice(start, start + 500);
    await inTransaction(deps.db, async (trx) => {
      const records = await insertValidatedCustomers({
        trx,
        deps,
        actor,
        items: batch.map((externalId) => ({
          changes: { name: `Customer ${externalId}` },
          consents: [],
        })),
        source,
      });
      await insertCustomerExternalIds(
        trx,
        records.map((record, index) => ({
          source,
          externalId: batch[index]!,
          customerId: record.id,
        })),
      );
      records.forEach((record, index) => ids.set(batch[index]!, record.id));
      return ok(true);
    });
  }
  return { ids, created: missing.length };
}

/** Products the file names but the catalogue lacks are added (priced as first seen, tax 0). */
async function productsFor(deps: ServiceDeps, lines: ImportedSaleLine[], currency: string) {
  const skus = [...new Set(lines.map((line) => line.sku))];
  const known = new Set((await selectProductsByCodes(deps.db, skus)).map((product) => product.sku));
  const created = new Map<string, ImportedSaleLine>();
  for (const line of lines)
    if (!known.has(line.sku) && !created.has(line.sku)) created.set(line.sku, line);
  await upsertProducts(
    deps.db,
    [...created.values()].map((line) => ({
      sku: line.sku,
      barcode: null,
      name: line.description,
      category: null,
      brand: null,
      size: null,
      colour: null,
      price: line.unitPrice,
      currency,
      taxRateBp: 0,
    })),
  );
  const products = await selectProductsByCodes(deps.db, skus);
  return {
    bySku: new Map(products.map((product) => [product.sku, product])),
    created: created.size,
  };
}

function invoiceSale(
  invoice: Invoice,
  context: {
    outlet: OutletRow;
    customerId: string | null;
    products: Map<string, ProductRow>;
    number: string;
  },
): StoredSale {
  const id = newId();
  const kind = invoice.lines[0]!.sale.isReturn ? 'return' : 'sale';
  const sign = kind === 'return' ? -1 : 1;
  const priced = invoice.lines.map(({ sale }) => {
    const line = priceLine(
      { unitPrice: sale.unitPrice, quantity: sale.quantity, discount: 0, taxRateBp: 0 },
      context.outlet.pricingMode,
    );
    if (!line.ok) throw new Error(`an accepted import line failed to price: ${line.message}`);
    return { sale, line: line.value };
  });
  const totals = saleTotals(priced.map((item) => item.line));
  return {
    id,
    kind,
    number: context.number,
    outletId: context.outlet.id,
    registerId: null,
    staffId: null,
    apiKeyId: null,
    customerId: context.customerId,
    currency: context.outlet.currency,
    pricingMode: context.outlet.pricingMode,
    subtotal: sign * totals.subtotal,
    discountTotal: 0,
    taxTotal: sign * totals.taxTotal,
    total: sign * totals.total,
    originalSaleId: null,
    exchangeId: null,
    reason: kind === 'return' ? 'cancellation (imported)' : null,
    approvedByStaffId: null,
    source,
    externalRef: invoice.invoice,
    idempotencyKey: null,
    requestHash: null,
    completedAt: invoice.lines[0]!.sale.at,
    liabilityTotal: 0,
    voidedAt: null,
    ...withoutLoyalty,
    lines: priced.map(({ sale, line }, index) => {
      const product = context.products.get(sale.sku);
      return {
        id: newId(),
        saleId: id,
        lineNo: index + 1,
        customerId: context.customerId,
        productId: product?.id ?? null,
        sku: sale.sku,
        name: sale.description,
        category: product?.category ?? null,
        brand: product?.brand ?? null,
        size: product?.size ?? null,
        colour: product?.colour ?? null,
        quantity: sign * line.quantity,
        unitPrice: line.unitPrice,
        discount: 0,
        taxRateBp: 0,
        tax: sign * line.tax,
        total: sign * line.total,
        returnedQuantity: 0,
        originalLineId: null,
        kind: 'product' as const,
        giftCardId: null,
        pointsEarned: noPoints,
        pointsRedeemed: noPoints,
        groupDiscount: 0,
        rewardDiscount: 0,
      };
    }),
    tenders: [
      {
        id: newId(),
        saleId: id,
        position: 0,
        kind: 'external',
        amount: sign * totals.total,
        received: null,
        change: null,
        reference: null,
        refundOfSaleId: null,
        giftCardId: null,
        storeCreditAccountId: null,
      },
    ],
  };
}

async function writeInvoices(
  trx: Db,
  invoices: Invoice[],
  context: { outlet: OutletRow; customers: Map<string, string>; products: Map<string, ProductRow> },
): Promise<void> {
  for (const invoice of invoices) {
    const external = invoice.lines[0]!.sale.customerExternalId;
    const counterKey = `outlet:${context.outlet.id}:${context.outlet.code}-IMP`;
    const number = saleNumberOf(counterKey, await nextSaleNumber(trx, counterKey));
    await insertSale(
      trx,
      invoiceSale(invoice, {
        outlet: context.outlet,
        customerId: external ? (context.customers.get(external) ?? null) : null,
        products: context.products,
        number,
      }),
    );
  }
}

/**
 * Imports sales history from CSV. Every line ends up imported, already imported (a
 * re-run skips invoices it has), or rejected with its reason. Cancellation invoices
 * become returns of their customer. Customers are matched by their id in the file.
 */
export async function importSalesCsv({
  deps,
  actor,
  csv,
  options = {},
}: {
  deps: ServiceDeps;
  actor: Actor;
  csv: string;
  options?: { mapping?: Partial<SalesColumnMapping>; outletId?: string };
}): Promise<Result<SalesImportReport>> {
  const mapping = { ...onlineRetailMapping, ...options.mapping };
  const outlet = options.outletId
    ? await findOutlet(deps.db, options.outletId)
    : (await selectOutlets(deps.db))[0];
  if (!outlet)
    return fail('outlet_not_found', 'No outlet to import the sales into', { field: 'outlet' });
  const read = readCsvLines(csv, {
    required: [...new Set(Object.values(mapping))],
    optional: [],
    identifiers: [mapping.invoice, mapping.sku, mapping.customer],
    otherColumns: 'ignore',
    headerCase: 'as-is',
  });
  if (!read.ok) {
    return read.message.includes('missing column')
      ? fail(
          'validation_failed',
          `${read.message} Map the columns if the file names them otherwise.`,
          {
            field: 'file',
          },
        )
      : read;
  }
  const lines: SalesImportLine[] = [];
  const accepted: { line: number; sale: ImportedSaleLine }[] = [];
  for (const { line, cells, problems } of read.value) {
    const sale = readSaleLine(cells, mapping, {
      currency: outlet.currency,
      timeZone: outlet.timeZone,
    });
    const all = [...problems];
    // The rules stop at a line's first problem; the text problems come on top of it.
    if (!sale.ok && !all.some((problem) => problem.field === sale.field)) {
      all.push(lineProblem(sale));
    }
    if (sale.ok && all.length === 0) accepted.push({ line, sale: sale.value });
    else lines.push({ line, status: 'rejected', ...all[0]!, problems: all });
  }
  const invoices = groupInvoices(accepted);
  const done = await selectImportedRefs(
    deps.db,
    source,
    invoices.map((invoice) => invoice.invoice),
  );
  const fresh = invoices.filter((invoice) => !done.has(invoice.invoice));
  const externalIds = [
    ...new Set(
      fresh.flatMap((i) =>
        i.lines.flatMap((l) => (l.sale.customerExternalId ? [l.sale.customerExternalId] : [])),
      ),
    ),
  ];
  const customers = await customerIdsFor(deps, actor, externalIds);
  const products = await productsFor(
    deps,
    fresh.flatMap((invoice) => invoice.lines.map((l) => l.sale)),
    outlet.currency,
  );
  for (let start = 0; start < fresh.length; start += 200) {
    await inTransaction(deps.db, async (trx) => {
      await writeInvoices(trx, fresh.slice(start, start + 200), {
        outlet,
        customers: customers.ids,
        products: products.bySku,
      });
      return ok(true);
    });
  }
  for (const invoice of invoices) {
    const status = done.has(invoice.invoice) ? 'already_imported' : 'imported';
    for (const item of invoice.lines)
      lines.push({ line: item.line, status, invoice: invoice.invoice });
  }
  lines.sort((a, b) => a.line - b.line);
  const report: SalesImportReport = {
    lines,
    imported: lines.filter((line) => line.status === 'imported').length,
    alreadyImported: lines.filter((line) => line.status === 'already_imported').length,
    rejected: lines.filter((line) => line.status === 'rejected').length,
    sales: fresh.filter((invoice) => !invoice.lines[0]!.sale.isReturn).length,
    returns: fresh.filter((invoice) => invoice.lines[0]!.sale.isReturn).length,
    customersCreated: customers.created,
    productsCreated: products.created,
  };
  await recordAudit({
    db: deps.db,
    actor,
    entry: {
      action: 'sales.imported',
      detail: {
        imported: report.imported,
        rejected: report.rejected,
        sales: report.sales,
        returns: report.returns,
        customersCreated: report.customersCreated,
      },
    },
  });
  return ok(report);
}
