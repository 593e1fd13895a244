import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import type { SalesColumnMapping } from '../domain/sales-import.ts';
import { importProductsCsv } from '../services/catalogue/catalogue.ts';
import { systemActor } from '../services/platform/context.ts';
import { importSalesCsv, type SalesImportLine } from '../services/sales/sales-import.ts';
import { findOutletByCode } from '../services/shop/outlets.ts';
import { printRejectedLines } from './line-report.ts';
import { openOutputFile, printFailure, readInputFile, withRuntime } from './runtime.ts';

const mappingKeys = [
  'invoice',
  'sku',
  'description',
  'quantity',
  'date',
  'unitPrice',
  'customer',
] as const;

function parseMapping(text: string | undefined): Partial<SalesColumnMapping> | string {
  const mapping: Partial<SalesColumnMapping> = {};
  for (const pair of (text ?? '').split(',').filter(Boolean)) {
    const [key, column] = pair.split('=').map((part) => part.trim());
    if (!key || !column || !(mappingKeys as readonly string[]).includes(key)) {
      return `--map takes field=Column pairs; fields: ${mappingKeys.join(', ')}`;
    }
    mapping[key as keyof SalesColumnMapping] = column;
  }
  return mapping;
}

const cliActor = { ...systemActor, label: 'cli' };

export function registerImportCommands(program: Command): void {
  const imports = program
    .command('import')
    .description('import catalogue and history from other systems');
  imports
    .command('products')
    .description(
      'import or update the catalogue from CSV (sku, barcode, name, category, brand, size, colour, price, tax_rate)',
    )
    .argument('<file>', 'CSV file with a header line')
    .action((file: string) => {
      const csv = readInputFile(file);
      return withRuntime(async (runtime) => {
        const result = await importProductsCsv({ deps: runtime.deps, actor: cliActor, csv });
        if (!result.ok) return printFailure(result);
        printRejectedLines(result.value.lines);
        console.log(`${result.value.imported} imported, ${result.value.rejected} rejected`);
        if (result.value.rejected > 0) process.exitCode = 1;
      });
    });
  imports
    .command('sales')
    .description(
      'import sales history from CSV; every line is imported or rejected with its reason',
    )
    .argument('<file>', 'CSV file (default columns: the UCI Online Retail export)')
    .option(
      '--map <pairs>',
      `column mapping, e.g. invoice=InvoiceNo,customer=CustomerID (fields: ${mappingKeys.join(', ')})`,
    )
    .option('--outlet <code>', 'outlet code the sales belong to (default: the first outlet)')
    .option('--report <file>', 'write the line-by-line report as CSV here')
    .action((file: string, options: { map?: string; outlet?: string; report?: string }) => {
      const mapping = parseMapping(options.map);
      if (typeof mapping === 'string')
        return printFailure({ code: 'validation_failed', message: mapping, field: 'map' });
      const csv = readInputFile(file);
      const reportFile = options.report ? openOutputFile(options.report, 'report') : null;
      return withRuntime(async (runtime) => {
        const outlet = await findOutletByCode(runtime.deps.db, options.outlet);
        if (!outlet) {
          reportFile?.destroy();
          return printFailure({
            code: 'outlet_not_found',
            message: `No outlet ${options.outlet ?? ''}`,
            field: 'outlet',
          });
        }
        const result = await importSalesCsv({
          deps: runtime.deps,
          actor: cliActor,
          csv,
          options: {
            mapping,
            outletId: outlet.id,
          },
        });
        if (!result.ok) {
          reportFile?.destroy();
          return printFailure(result);
        }
        const report = result.value;
        const reasons = new Map<string, number>();
        for (const line of report.lines)
          if (line.status === 'rejected')
            reasons.set(line.reason, (reasons.get(line.reason) ?? 0) + 1);
        console.log(
          `${report.lines.length} lines: ${report.imported} imported, ${report.alreadyImported} already imported, ${report.rejected} rejected`,
        );
        console.log(
          `${report.sales} sales, ${report.returns} returns, ${report.customersCreated} new customers, ${report.productsCreated} new products`,
        );
        for (const [reason, count] of reasons) console.log(`  rejected ${count}: ${reason}`);
        if (reportFile) {
          await new Promise<void>((resolve, reject) => {
            reportFile.once('error', reject);
            reportFile.end(salesReportCsv(report.lines), () => resolve());
          });
        }
      });
    });
}

/** The line-by-line report: a rejected line has one row per problem it has. */
function salesReportCsv(lines: SalesImportLine[]): string {
  return stringify(
    lines.flatMap((line) =>
      line.status === 'rejected'
        ? line.problems.map((problem) => [
            line.line,
            line.status,
            '',
            problem.code,
            problem.field ?? '',
            problem.reason,
          ])
        : [[line.line, line.status, line.invoice, '', '', '']],
    ),
    { header: true, columns: ['line', 'status', 'invoice', 'code', 'field', 'reason'] },
  );
}
