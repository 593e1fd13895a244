import { Option, type Command } from 'commander';
import { systemActor } from '../services/platform/context.ts';
import { importGiftCardsCsv } from '../services/stored-value/gift-card-import.ts';
import { generateGiftCards } from '../services/stored-value/gift-cards.ts';
import { expireStoredValue } from '../services/stored-value/stored-value-expiry.ts';
import { printRejectedLines } from './line-report.ts';
import { printFailure, readInputFile, withRuntime } from './runtime.ts';

const cliActor = { ...systemActor, label: 'cli' };

export function registerStoredValueCommands(program: Command): void {
  program
    .command('stored-value')
    .description('gift cards and store credit')
    .command('expire')
    .description(
      'take the balance off expired gift cards and store credit (the server also does this hourly); safe to repeat',
    )
    .action(() =>
      withRuntime(async (runtime) => {
        const run = await expireStoredValue(runtime.deps);
        console.log(
          `gift cards expired: ${run.giftCards.count} (${run.giftCards.amount} minor units); ` +
            `store credit lots expired: ${run.storeCredit.count} (${run.storeCredit.amount} minor units)`,
        );
      }),
    );

  const cards = program.command('gift-cards').description('pre-printed and imported gift cards');
  cards
    .command('generate')
    .description('add a range of pre-printed card numbers (with check digits), activated when sold')
    .requiredOption('--prefix <digits>', '1–6 digits every number starts with')
    .requiredOption('--count <n>', 'how many cards')
    .addOption(new Option('--first <n>', 'first serial number').default('1'))
    .requiredOption('--currency <code>', 'currency the cards hold, such as GBP')
    .requiredOption('--label <text>', 'a name for the print run')
    .action(
      (options: {
        prefix: string;
        count: string;
        first: string;
        currency: string;
        label: string;
      }) =>
        withRuntime(async (runtime) => {
          const result = await generateGiftCards({
            deps: runtime.deps,
            actor: cliActor,
            input: {
              prefix: options.prefix,
              first: Number(options.first),
              count: Number(options.count),
              currency: options.currency.toUpperCase(),
              label: options.label,
            },
          });
          if (!result.ok) return printFailure(result);
          console.log(
            `${result.value.added} cards added (${result.value.skipped} already existed): ${result.value.firstNumber} … ${result.value.lastNumber}`,
          );
        }),
    );
  cards
    .command('import')
    .description(
      'import cards from an earlier system: CSV with number, balance, currency, expires_at',
    )
    .argument('<file>', 'CSV file with a header line')
    .action((file: string) => {
      const csv = readInputFile(file);
      return withRuntime(async (runtime) => {
        const result = await importGiftCardsCsv({ deps: runtime.deps, actor: cliActor, csv });
        if (!result.ok) return printFailure(result);
        printRejectedLines(result.value.lines);
        console.log(
          `${result.value.imported} imported, ${result.value.skipped} already imported, ${result.value.rejected} rejected`,
        );
        if (result.value.rejected > 0) process.exitCode = 1;
      });
    });
}
