import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { systemActor } from '../services/context.ts';
import {
  exportCustomersCsv,
  importCustomersCsv,
  importReportCsv,
} from '../services/customer-csv.ts';
import { printFailure, withRuntime } from './runtime.ts';

const cliActor = { ...systemActor, label: 'cli' };

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
      (file: string, options: { report?: string; emailWording?: string; smsWording?: string }) =>
        withRuntime(async (runtime) => {
          const result = await importCustomersCsv(
            runtime.deps,
            cliActor,
            readFileSync(file, 'utf8'),
            {
              ...(options.emailWording ? { emailWording: options.emailWording } : {}),
              ...(options.smsWording ? { smsWording: options.smsWording } : {}),
            },
          );
          if (!result.ok) return printFailure(result);
          for (const line of result.value.lines) {
            if (line.status === 'rejected') {
              console.log(
                `line ${line.line}: rejected ${line.code}${line.field ? ` (${line.field})` : ''}: ${line.reason}`,
              );
            }
          }
          console.log(`${result.value.imported} imported, ${result.value.rejected} rejected`);
          if (options.report) writeFileSync(options.report, importReportCsv(result.value));
          if (result.value.rejected > 0) process.exitCode = 1;
        }),
    );
  customers
    .command('export')
    .description(
      'export all active customers with contact details as CSV (logged in the audit log)',
    )
    .option('--out <file>', 'write to this file instead of standard output')
    .action((options: { out?: string }) =>
      withRuntime(async (runtime) => {
        const out = options.out ? createWriteStream(options.out, { mode: 0o600 }) : process.stdout;
        for await (const chunk of exportCustomersCsv(runtime.deps, cliActor)) out.write(chunk);
        if (options.out)
          await new Promise((resolve) =>
            (out as ReturnType<typeof createWriteStream>).end(resolve),
          );
      }),
    );
}
