import type { DriveResult } from './checkout-drive.ts';
import { formatMs, formatTable } from './stats.ts';

export type ScenarioKey = 'a' | 'b' | 'c' | 'd' | 'e';

export type LoyaltyRow = {
  scenario: ScenarioKey;
  label: string;
  promotions: number;
  customers: number;
  /** Past sales of each customer before the scenario ran. */
  pastSales: number;
  workers: number;
  result: DriveResult;
  /** Over the measured sales: points earned, sales a promotion added to, sales with the group. */
  pointsEarned: number;
  promoted: number;
  grouped: number;
};

export type LoyaltyVerification = {
  /** selectLoyaltyMismatches: accounts whose balance is not their events' or lots' sum. */
  mismatches: string[];
  bySource: Record<string, { sales: number; points: number }>;
  pointsEarned: number;
  tillPoints: number;
  /** Points were earned at all, and by the measured (till) sales. */
  pointsOk: boolean;
  ok: boolean;
};

export type LoyaltyReport = {
  cores: number;
  loadAverage: { start: number[]; end: number[] };
  workers: number;
  poolSize: number;
  salesPerRow: number;
  warmupSales: number;
  group: { name: string; discountBp: number; earnMultiplierBp: number; members: number };
  seeding: { customers: number; perCustomer: number; seconds: number }[];
  rows: LoyaltyRow[];
  verification: LoyaltyVerification;
};

const log = (line: string) => console.log(line);
const round = (value: number) => Math.round(value * 100) / 100;
const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' ');
const percent = (part: number, whole: number) =>
  whole === 0 ? '-' : `${Math.round((100 * part) / whole)}%`;

/** Ratios of one scenario to another at the same number of workers. */
type Ratio = { name: string; workers: number; p50: number; p99: number; perSecond: number };

function ratios(rows: readonly LoyaltyRow[]): Ratio[] {
  const find = (key: ScenarioKey, workers: number) =>
    rows.find((row) => row.scenario === key && row.workers === workers);
  const pairs: [ScenarioKey, ScenarioKey][] = [
    ['c', 'a'],
    ['b', 'a'],
    ['e', 'd'],
  ];
  const workerCounts = [...new Set(rows.map((row) => row.workers))];
  return pairs.flatMap(([over, under]) =>
    workerCounts.flatMap((workers) => {
      const top = find(over, workers);
      const bottom = find(under, workers);
      if (!top || !bottom) return [];
      return [
        {
          name: `${over}/${under}`,
          workers,
          p50: top.result.latency.p50 / bottom.result.latency.p50,
          p99: top.result.latency.p99 / bottom.result.latency.p99,
          perSecond: top.result.perSecond / bottom.result.perSecond,
        },
      ];
    }),
  );
}

export function printLoyaltyReport(report: LoyaltyReport): void {
  log('');
  log(
    `Checkout with loyalty on PostgreSQL: completeSale at the till, every sale with a customer, ` +
      `${report.salesPerRow} sales per row after ${report.warmupSales} warm-up, pool ` +
      `${report.poolSize} (latency in ms)`,
  );
  log(
    `  group ${report.group.name} (${report.group.discountBp / 100}% off, earns ` +
      `${report.group.earnMultiplierBp / 10_000}x): ${report.group.members} of the mix customers ` +
      'of (a)-(c); each worker at its own register; a customer is at one till at a time',
  );
  for (const seeded of report.seeding) {
    log(
      `  history: ${seeded.customers} customers x ${seeded.perCustomer.toLocaleString('en-GB')} ` +
        `past sales, seeded in ${seeded.seconds.toFixed(1)} s (completeSale as imports, ` +
        'earning points under a rule version from four years ago)',
    );
  }
  log('');
  log(
    formatTable(
      [
        'scenario',
        'promos',
        'customers',
        'workers',
        'sales',
        'sales/s',
        'p50',
        'p95',
        'p99',
        'max',
        'failed',
        'points/sale',
        'promoted',
        'in group',
      ],
      report.rows.map((row) => [
        row.label,
        String(row.promotions),
        String(row.customers),
        String(row.workers),
        String(row.result.sales),
        row.result.perSecond.toFixed(1),
        formatMs(row.result.latency.p50),
        formatMs(row.result.latency.p95),
        formatMs(row.result.latency.p99),
        formatMs(row.result.latency.max),
        String(row.result.failures),
        (row.pointsEarned / Math.max(1, row.result.sales)).toFixed(1),
        percent(row.promoted, row.result.sales),
        percent(row.grouped, row.result.sales),
      ]),
    ),
  );
  for (const row of report.rows) {
    if (row.result.firstFailure) {
      log(`  ${row.label}, ${row.workers} workers: first failure: ${row.result.firstFailure}`);
    }
  }
  const found = ratios(report.rows);
  if (found.length > 0) {
    log('');
    log('Ratios at the same number of workers (1.00 = no difference)');
    log(
      formatTable(
        ['ratio', 'workers', 'p50', 'p99', 'sales/s'],
        found.map((ratio) => [
          ratio.name,
          String(ratio.workers),
          ratio.p50.toFixed(2),
          ratio.p99.toFixed(2),
          ratio.perSecond.toFixed(2),
        ]),
      ),
    );
  }
  printVerification(report.verification);
  log('');
  log(
    `${report.cores} cores; load average (1, 5, 15 min) ${load(report.loadAverage.start)} at ` +
      `start, ${load(report.loadAverage.end)} at end`,
  );
  log(
    JSON.stringify({
      bench: 'loyalty',
      cores: report.cores,
      loadAverage: report.loadAverage,
      workers: report.workers,
      poolSize: report.poolSize,
      salesPerRow: report.salesPerRow,
      warmupSales: report.warmupSales,
      group: report.group,
      seeding: report.seeding.map((seeded) => ({ ...seeded, seconds: round(seeded.seconds) })),
      rows: Object.fromEntries(
        report.rows.map((row) => [
          `${row.scenario}.w${row.workers}`,
          {
            label: row.label,
            promotions: row.promotions,
            customers: row.customers,
            pastSales: row.pastSales,
            workers: row.workers,
            sales: row.result.sales,
            seconds: round(row.result.seconds),
            perSecond: round(row.result.perSecond),
            latencyMs: {
              p50: round(row.result.latency.p50),
              p95: round(row.result.latency.p95),
              p99: round(row.result.latency.p99),
              max: round(row.result.latency.max),
            },
            failures: row.result.failures,
            nodeCpuMsPerSale: round(row.result.nodeCpuMsPerSale),
            pointsEarned: row.pointsEarned,
            promoted: row.promoted,
            grouped: row.grouped,
          },
        ]),
      ),
      ratios: Object.fromEntries(
        found.map((ratio) => [
          `${ratio.name}.w${ratio.workers}`,
          { p50: round(ratio.p50), p99: round(ratio.p99), perSecond: round(ratio.perSecond) },
        ]),
      ),
      verification: {
        ok: report.verification.ok,
        loyaltyMismatches: report.verification.mismatches,
        pointsEarned: report.verification.pointsEarned,
        tillPointsEarned: report.verification.tillPoints,
        bySource: report.verification.bySource,
      },
    }),
  );
}

function printVerification(verification: LoyaltyVerification): void {
  log('');
  log('Loyalty ledgers after the run');
  log(
    `  selectLoyaltyMismatches(db): ${JSON.stringify(verification.mismatches.slice(0, 10))}` +
      (verification.mismatches.length > 10
        ? ` and ${verification.mismatches.length - 10} more`
        : ''),
  );
  for (const [source, totals] of Object.entries(verification.bySource)) {
    log(
      `  sales.points_earned, source ${source}: ${totals.points.toLocaleString('en-GB')} points ` +
        `over ${totals.sales.toLocaleString('en-GB')} sales`,
    );
  }
  log(
    `  sum of sales.points_earned: ${verification.pointsEarned.toLocaleString('en-GB')}, of which ` +
      `the measured till sales ${verification.tillPoints.toLocaleString('en-GB')}: points earned ` +
      `${verification.pointsOk ? 'yes' : 'NO'}`,
  );
  log(`  loyalty ledgers: ${verification.ok ? 'CONSISTENT' : 'CHECK FAILED'}`);
}
