import { rmSync, type WriteStream } from 'node:fs';
import type { Command } from 'commander';
import { systemActor } from '../services/platform/context.ts';
import {
  exportCustomersCsv,
  importCustomersCsv,
  importReportCsv,
} from '../services/customers/customer-csv.ts';
import { exportCustomer } from '../services/customers/customer-export.ts';
import { customerExportZip } from '../services/customers/customer-export-zip.ts';
import { customerExportFormatOf } from './customer-export-format.ts';
import { registerEraseCommand } from './customer-erase.ts';
import { printRejectedLines } from './line-report.ts';
import { openOutputFile, printFailure, readInputFile, withRuntime } from './runtime.ts';

const cliActor = { ...systemActor, label: 'cli' };

function endStream(stream: WriteStream, last: string | Uint8Array = ''): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.end(last, () => resolve());
  });
}

export function registerCustomerCommands(program: Command): void {
  const customers = program.command('customers').description('customer import and export');
  customers
    .command('import')
    .description(
      'import customers from a CSV file; every line is imported or rejected with its reason',
    )
    .argument(
      '<file>',
      'CSV with a header line; columns: name (required), phone, email, address_line1, ...',
    )
    .option('--report <file>', 'write the line-by-line report as CSV here')
    .option(
      '--email-wording <text>',
      'the consent wording the customers agreed to for email_consent',
    )
    .option('--sms-wording <text>', 'the consent wording the customers agreed to for sms_consent')
    .action(
      (file: string, options: { report?: string; emailWording?: string; smsWording?: string }) => {
        // Both files are opened before any work, so a wrong path costs nothing.
        const csv = readInputFile(file);
        const report = options.report ? openOutputFile(options.report, 'report') : null;
        return withRuntime(async (runtime) => {
          const result = await importCustomersCsv({
            deps: runtime.deps,
            actor: cliActor,
            csv,
            options: {
              ...(options.emailWording ? { emailWording: options.emailWording } : {}),
              ...(options.smsWording ? { smsWording: options.smsWording } : {}),
            },
          });
          if (!result.ok) {
            report?.destroy();
            return printFailure(result);
          }
          printRejectedLines(result.value.lines);
          console.log(`${result.value.imported} imported, ${result.value.rejected} rejected`);
          if (report) await endStream(report, importReportCsv(result.value));
          if (result.value.rejected > 0) process.exitCode = 1;
        });
      },
    );
  customers
    .command('export')
    .description(
      'export all active customers with contact details as CSV (logged in the audit log)',
    )
    .option('--out <file>', 'write to this file instead of standard output')
    .action((options: { out?: string }) => {
      const file = options.out ? openOutputFile(options.out, 'out') : null;
      return withRuntime(async (runtime) => {
        const out = file ?? process.stdout;
        for await (const chunk of exportCustomersCsv(runtime.deps, cliActor)) out.write(chunk);
        if (file) await endStream(file);
      });
    });
  customers
    .command('export-one')
    .description(
      'export everything held about one customer as JSON, or as CSV files in a zip (GDPR arts. 15 and 20), contact details in clear; logged in the audit log',
    )
    .argument('<number>', 'the customer number')
    .requiredOption('--reason <text>', 'why the data is exported (written to the audit log)')
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--format <format>', 'json, or zip: CSV files and a README (needs --out)', 'json')
    .action((number: string, options: { reason: string; out?: string; format: string }) => {
      const format = customerExportFormatOf(options);
      const file = options.out ? openOutputFile(options.out, 'out') : null;
      return withRuntime(async (runtime) => {
        const result = await exportCustomer({
          deps: runtime.deps,
          actor: cliActor,
          customer: { number },
          reason: options.reason,
          format,
        });
        if (!result.ok) {
          // No half-written file is left behind: nothing was exported.
          file?.destroy();
          if (options.out) rmSync(options.out, { force: true });
          return printFailure(result);
        }
        if (format === 'zip' && file) return endStream(file, customerExportZip(result.value));
        const json = `${JSON.stringify(result.value, null, 2)}\n`;
        if (file) await endStream(file, json);
        else process.stdout.write(json);
      });
    });
  registerEraseCommand(customers);
}
