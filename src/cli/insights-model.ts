/**
 * `clientele insights fit` and `clientele insights backtest`: the purchase-rhythm and
 * spend models fitted on a transaction file, and held against a holdout period. Neither
 * opens the database: they read a file and print, so they run anywhere the CLI does,
 * on any shop's export, before that shop's history is imported.
 */
import { Option, type Command } from 'commander';
import { backtestTransactionFile, fitTransactionFile } from '../domain/insights/backtest.ts';
import type { RhythmVariant } from '../domain/insights/bg-nbd.ts';
import type { TimeUnit } from '../domain/insights/summaries.ts';
import {
  parseTransactionDay,
  parseTransactionMapping,
  readTransactionFile,
  type TransactionFile,
  type TransactionFileFormat,
} from '../domain/insights/transaction-file.ts';
import type { Failure } from '../domain/result.ts';
import { backtestText, convergenceWarnings, fitJson } from './insights-model-report.ts';
import { CliFailure, readInputFile } from './runtime.ts';

type ModelOptions = {
  map?: string;
  format: TransactionFileFormat;
  unit: TimeUnit;
  model: RhythmVariant;
  returns?: boolean;
  calibrationEnd?: string;
};

/** The `insights` command, whoever registers first: the recompute lives beside these. */
export function insightsCommand(program: Command): Command {
  return (
    program.commands.find((command) => command.name() === 'insights') ??
    program.command('insights').description('customer insights: purchase rhythm, value, lapses')
  );
}

function failure(result: Failure): CliFailure {
  const { code, message, field } = result;
  const hint = result.details?.negativeAmount ? ' (pass --returns if they are returns)' : '';
  return new CliFailure({ code, message: `${message}${hint}`, ...(field ? { field } : {}) });
}

function day(text: string | undefined, option: string): string | undefined {
  if (text === undefined) return undefined;
  const parsed = parseTransactionDay(text);
  if (parsed === null)
    throw new CliFailure({
      code: 'validation_failed',
      message: `--${option}: "${text}" is not a date (YYYY-MM-DD or YYYYMMDD)`,
      field: option,
    });
  return parsed;
}

function readFile(path: string, field: string, options: ModelOptions): TransactionFile {
  const columns = parseTransactionMapping(options.map);
  if (!columns.ok) throw failure(columns);
  const file = readTransactionFile(readInputFile(path, field), {
    format: options.format,
    columns: columns.value,
    returns: options.returns ?? false,
  });
  if (!file.ok) throw failure(file);
  return file.value;
}

const fileHelp =
  'transaction file: one purchase a line, dates YYYY-MM-DD, YYYYMMDD or M/D/YY H:MM (the day written counts), amounts like 12.50';

/** The options both commands share, in the same words. */
function withFileOptions(command: Command): Command {
  return command
    .option(
      '--map <pairs>',
      'CSV column mapping over the defaults customer, date, amount, e.g. customer=CustomerID,date=InvoiceDate,amount=TotalPrice',
    )
    .addOption(
      new Option(
        '--format <format>',
        'csv: a header line, columns by name; cdnow: no header, whitespace-separated customer id, id in sample, date YYYYMMDD, number of CDs, amount; auto: cdnow when the first line looks so, else csv',
      )
        .choices(['auto', 'csv', 'cdnow'])
        .default('auto'),
    )
    .addOption(
      new Option('--unit <unit>', 'the time unit of the model')
        .choices(['days', 'weeks'])
        .default('days'),
    )
    .addOption(
      new Option(
        '--model <model>',
        "mbg: MBG/NBD, what the shop's scores use (one-time buyers can lapse); bg: the paper's BG/NBD",
      )
        .choices(['mbg', 'bg'])
        .default('mbg'),
    )
    .option(
      '--returns',
      'negative amounts are returns, netted within their day (without it they are refused)',
    );
}

export function registerInsightsModelCommands(program: Command): void {
  const insights = insightsCommand(program);
  withFileOptions(
    insights
      .command('fit')
      .description(
        'fit the purchase-rhythm (MBG/NBD or BG/NBD) and spend (Gamma-Gamma) models on a transaction file and print their parameters as JSON; no database needed. A fit that does not converge prints converged: false and null parameters.',
      )
      .requiredOption('--transactions <file>', fileHelp),
  )
    .option(
      '--calibration-end <date>',
      'fit on purchases up to this day, YYYY-MM-DD (default: the last in the file)',
    )
    .action((options: ModelOptions & { transactions: string }) => {
      const file = readFile(options.transactions, 'transactions', options);
      const fit = fitTransactionFile(file, {
        calibrationEnd: day(options.calibrationEnd, 'calibration-end'),
        unit: options.unit,
        variant: options.model,
      });
      if (!fit.ok) throw failure(fit);
      console.log(JSON.stringify(fitJson(file, fit.value), null, 2));
      if (file.linesWithoutCustomer > 0)
        console.error(`note: ${file.linesWithoutCustomer} lines without a customer left out`);
      for (const warning of convergenceWarnings(fit.value)) console.error(`warning: ${warning}`);
    });
  withFileOptions(
    insights
      .command('backtest')
      .description(
        'fit on purchases up to --calibration-end and compare with the holdout after it: parameters, predicted vs actual repeat purchases in total and by calibration repeat purchases (0..7+), and the AUC of "buys again" for P(active) and two baselines; no database needed',
      )
      .argument('<file>', fileHelp),
  )
    .requiredOption(
      '--calibration-end <date>',
      'last day of the calibration period (YYYY-MM-DD or YYYYMMDD)',
    )
    .option('--holdout-end <date>', 'last day of the holdout (default: the last in the file)')
    .action((path: string, options: ModelOptions & { holdoutEnd?: string }) => {
      const calibrationEnd = day(options.calibrationEnd, 'calibration-end') as string;
      const holdoutEnd = day(options.holdoutEnd, 'holdout-end');
      const file = readFile(path, 'file', options);
      const report = backtestTransactionFile(file, {
        calibrationEnd,
        ...(holdoutEnd ? { holdoutEnd } : {}),
        unit: options.unit,
        variant: options.model,
      });
      if (!report.ok) throw failure(report);
      console.log(backtestText(file, path, report.value));
    });
}
