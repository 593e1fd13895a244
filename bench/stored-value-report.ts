import type { DriveResult } from './checkout-drive.ts';
import { formatMs, formatTable } from './stats.ts';
import type { LedgerVerification } from './stored-value-cards.ts';

export type Layer = 'ledger' | 'sale';
export type Scenario = 'hot' | 'spread';
export type StoredValueRow = { layer: Layer; scenario: Scenario; result: DriveResult };

export type StoredValueReport = {
  cores: number;
  loadAverage: { start: number[]; end: number[] };
  workers: number;
  poolSize: number;
  seconds: number;
  warmupSeconds: number;
  cards: number;
  rows: StoredValueRow[];
  verification: LedgerVerification;
};

const log = (line: string) => console.log(line);
const round = (value: number) => Math.round(value * 100) / 100;
const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' ');

const layerTitles: Record<Layer, string> = {
  ledger: 'Ledger only: one transaction per redemption, changeGiftCard(REDEEM)',
  sale: 'Full sale: completeSale of one product paid wholly by the gift card',
};

function scenarioName(scenario: Scenario, cards: number): string {
  return scenario === 'hot' ? 'one hot card' : `spread over ${cards.toLocaleString('en-GB')} cards`;
}

export function printStoredValueReport(report: StoredValueReport): void {
  log('');
  log(
    `Gift card redemptions on PostgreSQL: ${report.workers} workers at once, pool ` +
      `${report.poolSize}, ${report.seconds} s per row after ${report.warmupSeconds} s warm-up ` +
      '(latency in ms)',
  );
  log(
    `${report.cores} cores (os.cpus().length); load average (1, 5, 15 min) at start ` +
      `${load(report.loadAverage.start)}`,
  );
  for (const layer of ['ledger', 'sale'] as const) {
    const rows = report.rows.filter((row) => row.layer === layer);
    if (rows.length === 0) continue;
    log('');
    log(layerTitles[layer]);
    log(
      formatTable(
        ['scenario', 'redemptions/s', 'p50', 'p95', 'p99', 'count', 'errors'],
        rows.map(({ scenario, result }) => [
          scenarioName(scenario, report.cards),
          result.perSecond.toFixed(1),
          formatMs(result.latency.p50),
          formatMs(result.latency.p95),
          formatMs(result.latency.p99),
          String(result.sales),
          String(result.failures),
        ]),
      ),
    );
    for (const row of rows) {
      if (row.result.firstFailure) {
        log(
          `  ${scenarioName(row.scenario, report.cards)}: first error: ${row.result.firstFailure}`,
        );
      }
    }
  }
  printVerification(report.verification);
  log('');
  log(
    `load average (1, 5, 15 min) ${load(report.loadAverage.start)} at start, ` +
      `${load(report.loadAverage.end)} at end`,
  );
  log(
    JSON.stringify({
      bench: 'stored-value',
      cores: report.cores,
      loadAverage: report.loadAverage,
      workers: report.workers,
      poolSize: report.poolSize,
      seconds: report.seconds,
      warmupSeconds: report.warmupSeconds,
      cards: report.cards,
      results: Object.fromEntries(
        report.rows.map(({ layer, scenario, result }) => [
          `${layer}.${scenario}`,
          {
            perSecond: round(result.perSecond),
            count: result.sales,
            errors: result.failures,
            seconds: round(result.seconds),
            latencyMs: {
              p50: round(result.latency.p50),
              p95: round(result.latency.p95),
              p99: round(result.latency.p99),
              max: round(result.latency.max),
            },
          },
        ]),
      ),
      ledgerInvariant: {
        ok: report.verification.ok,
        mismatchedCards: report.verification.mismatchedCards.length,
        sampledCards: report.verification.sample.length + 1,
        tallyChecked: report.verification.tallyChecked,
      },
    }),
  );
}

function printVerification(verification: LedgerVerification): void {
  const { hot, sample } = verification;
  const sampleBalanced = sample.filter((item) => item.balance === item.activitySum).length;
  const sampleTallied = sample.filter((item) => item.balance === item.expected).length;
  log('');
  log('Ledger invariant (balance == sum of activity amounts)');
  log(
    `  hot card: balance ${hot.balance} == sum of ${hot.activities} activities ` +
      `${hot.activitySum}: ${hot.balance === hot.activitySum ? 'yes' : 'NO'}` +
      (verification.tallyChecked
        ? `; == activation less redeemed by the bench ${hot.expected}: ` +
          `${hot.balance === hot.expected ? 'yes' : 'NO'}`
        : ''),
  );
  log(
    `  sample of ${sample.length} other cards: ${sampleBalanced} balanced` +
      (verification.tallyChecked ? `, ${sampleTallied} match the bench's own tally` : ''),
  );
  log(
    `  selectGiftCardLedgerMismatches over all cards: ${verification.mismatchedCards.length} ` +
      `mismatching${verification.mismatchedCards.length > 0 ? ` (${verification.mismatchedCards.slice(0, 5).join(', ')})` : ''}`,
  );
  if (!verification.tallyChecked) {
    log('  (tally not checked: some operations failed, and a failure may still have committed)');
  }
  log(`  ledger invariant: ${verification.ok ? 'HOLDS' : 'VIOLATED'}`);
}
