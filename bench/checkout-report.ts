import type { DriveResult } from './checkout-drive.ts';
import type { HistoryRow } from './checkout-history.ts';
import { formatMs, formatTable, type Summary } from './stats.ts';

export type ThroughputRow = { path: string; key: string; result: DriveResult };
export type HistoryBlock = { customer: string; key: string; sales: number; rows: HistoryRow[] };

export type CheckoutReport = {
  cores: number;
  loadAverage: { start: number[]; end: number[] };
  registers: number;
  poolSize: number;
  seconds: number;
  /** Sales per path when fixed (--sales), else 0 and each path ran for `seconds`. */
  salesPerPath: number;
  customers: number;
  products: number;
  salesInDatabase: number;
  throughput: ThroughputRow[];
  history: HistoryBlock[];
  historyRuns: number;
};

const log = (line: string) => console.log(line);
const round = (value: number) => Math.round(value * 100) / 100;

function latencyJson(summary: Summary) {
  return {
    n: summary.n,
    p50: round(summary.p50),
    p95: round(summary.p95),
    p99: round(summary.p99),
    max: round(summary.max),
  };
}

export function printCheckoutReport(report: CheckoutReport): void {
  if (report.throughput.length > 0) printThroughput(report);
  if (report.history.length > 0) printHistory(report);
  printFooter(report);
}

function printThroughput(report: CheckoutReport): void {
  log('');
  log(
    `Checkout on PostgreSQL: ${report.registers} registers at once, pool ${report.poolSize}, ` +
      `${report.salesPerPath > 0 ? `${report.salesPerPath} sales` : `${report.seconds} s`} ` +
      'per path (latency in ms)',
  );
  log(
    formatTable(
      [
        'path',
        'sales',
        'seconds',
        'sales/s',
        'p50',
        'p95',
        'p99',
        'max',
        'failed',
        'node CPU/sale',
      ],
      report.throughput.map(({ path, result }) => [
        path,
        String(result.sales),
        result.seconds.toFixed(1),
        result.perSecond.toFixed(1),
        formatMs(result.latency.p50),
        formatMs(result.latency.p95),
        formatMs(result.latency.p99),
        formatMs(result.latency.max),
        String(result.failures),
        formatMs(result.nodeCpuMsPerSale),
      ]),
    ),
  );
  log(
    '  node CPU/sale: ms of CPU of this Node process (user + system) per sale;\n' +
      '  over HTTP it includes the fetch clients, which share the process with the server',
  );
  for (const row of report.throughput) {
    if (row.result.firstFailure) log(`  ${row.path}: first failure: ${row.result.firstFailure}`);
  }
}

function printHistory(report: CheckoutReport): void {
  log('');
  log(`Purchase history, one caller, ${report.historyRuns} runs per row (latency in ms)`);
  log(
    formatTable(
      ['customer', 'call', 'result', 'p50', 'p95', 'p99', 'max'],
      report.history.flatMap((block) =>
        block.rows.map((row) => [
          block.customer,
          row.call,
          row.result,
          formatMs(row.latency.p50),
          formatMs(row.latency.p95),
          formatMs(row.latency.p99),
          formatMs(row.latency.max),
        ]),
      ),
    ),
  );
}

function printFooter(report: CheckoutReport): void {
  const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' ');
  log('');
  log(
    `${report.cores} cores; load average (1, 5, 15 min) ${load(report.loadAverage.start)} at start, ` +
      `${load(report.loadAverage.end)} at end; ${report.salesInDatabase.toLocaleString('en-GB')} ` +
      'sales in the database at the end',
  );
  log(
    JSON.stringify({
      bench: 'checkout',
      cores: report.cores,
      loadAverage: report.loadAverage,
      registers: report.registers,
      poolSize: report.poolSize,
      seconds: report.seconds,
      salesPerPath: report.salesPerPath,
      customers: report.customers,
      products: report.products,
      salesInDatabase: report.salesInDatabase,
      throughput: Object.fromEntries(
        report.throughput.map(({ key, result }) => [
          key,
          {
            sales: result.sales,
            seconds: round(result.seconds),
            perSecond: round(result.perSecond),
            latencyMs: latencyJson(result.latency),
            failures: result.failures,
            nodeCpuMsPerSale: round(result.nodeCpuMsPerSale),
          },
        ]),
      ),
      history: Object.fromEntries(
        report.history.map((block) => [
          block.key,
          {
            sales: block.sales,
            calls: Object.fromEntries(
              block.rows.map((row) => [
                row.call,
                { result: row.result, ...latencyJson(row.latency) },
              ]),
            ),
          },
        ]),
      ),
      historyRuns: report.historyRuns,
    }),
  );
}
