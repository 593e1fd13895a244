/**
 * The model commands' arithmetic (clientele insights fit / backtest), pure: fit the
 * purchase-rhythm and spend models on a transaction file up to a calibration end, and
 * hold the forecast against what the customers then did in a holdout period.
 *
 * The holdout counts as the paper does (Fader, Hardie and Lee 2005): for each customer
 * who had bought by the calibration end, their repeat transactions (visit days, see
 * summaries.ts) in the holdout, against the model's conditional expectation for its
 * length. "Buys again in the holdout" is then ranked by three scores, each by its AUC:
 * the model's P(active), how recently the customer bought, and the fixed rule the shop
 * falls back to (lapse-rule.ts), lapsed customers scoring below everyone else.
 */
import { invalid, ok, type Result } from '../result.ts';
import { auc } from './auc.ts';
import {
  expectedTransactions,
  fitBgNbd,
  groupRfm,
  probabilityAlive,
  type BgNbdFit,
  type RhythmVariant,
} from './bg-nbd.ts';
import { fitGammaGamma, type GammaGammaFit } from './gamma-gamma.ts';
import { chooseMethod, ruleLapsed, ruleWindowDays, type MethodChoice } from './lapse-rule.ts';
import {
  summariseTransactions,
  type CustomerSummary,
  type TimeUnit,
  type Transaction,
} from './summaries.ts';
import { daysFrom, shiftDay, type TransactionFile } from './transaction-file.ts';

export interface ModelFitOptions {
  /** YYYY-MM-DD, included; default the file's last day. */
  readonly calibrationEnd?: string;
  readonly unit: TimeUnit;
  readonly variant: RhythmVariant;
}

export interface ModelFitReport {
  readonly calibrationEnd: string;
  readonly unit: TimeUnit;
  readonly variant: RhythmVariant;
  /** Customers with a purchase by the calibration end. */
  readonly customers: number;
  /** Days from the file's first purchase to the calibration end (or its last day). */
  readonly historyDays: number;
  readonly rhythm: BgNbdFit;
  readonly spend: GammaGammaFit;
  /** Which the shop's scoring would use on this history, and why (lapse-rule.ts). */
  readonly method: MethodChoice;
  /**
   * Parameters of a converged fit that ran to the edge of their range (below 1e-6 or
   * above 1e6), as "a = 1.8e-13": the optimiser stopped, but the history cannot pin the
   * model down (a → 0 means no one is seen to drop out). Empty when none did.
   */
  readonly atEdge: string[];
}

const EDGE_LOW = 1e-6;
const EDGE_HIGH = 1e6;

function atEdge(params: Record<string, number>): string[] {
  return Object.entries(params)
    .filter(([, value]) => value < EDGE_LOW || value > EDGE_HIGH)
    .map(([name, value]) => `${name} = ${value.toPrecision(2)}`);
}

function summarise(transactions: readonly Transaction[], end: string, unit: TimeUnit) {
  const result = summariseTransactions(transactions, { calibrationEnd: end, unit });
  // The reader gave ISO days and finite amounts: a failure here is a bug.
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

function fitSummaries(
  summaries: CustomerSummary[],
  file: TransactionFile,
  options: ModelFitOptions & { calibrationEnd: string },
): ModelFitReport {
  const rhythm = fitBgNbd(groupRfm(summaries), { variant: options.variant });
  const spend = fitGammaGamma(summaries);
  const lastSeen = file.lastDay < options.calibrationEnd ? file.lastDay : options.calibrationEnd;
  const historyDays = daysFrom(file.firstDay, lastSeen);
  const { r, alpha, a, b } = rhythm.params;
  const { p, q, v } = spend.params;
  const method = chooseMethod({
    customersWithPurchase: summaries.length,
    historyDays,
    fits: [
      { name: 'purchase-rhythm model', converged: rhythm.converged, params: { r, alpha, a, b } },
      { name: 'spend model', converged: spend.converged, params: { p, q, v } },
    ],
  });
  return {
    calibrationEnd: options.calibrationEnd,
    unit: options.unit,
    variant: options.variant,
    customers: summaries.length,
    historyDays,
    rhythm,
    spend,
    method,
    atEdge: [
      ...(rhythm.converged ? atEdge({ r, alpha, a, b }) : []),
      ...(spend.converged ? atEdge({ p, q, v }) : []),
    ],
  };
}

function noCustomers(file: TransactionFile, end: string) {
  return invalid(
    'calibration-end',
    `No customer bought on or before ${end}: the file runs from ${file.firstDay} to ${file.lastDay}.`,
  );
}

/** Fits both models on the file's purchases up to the calibration end. */
export function fitTransactionFile(
  file: TransactionFile,
  options: ModelFitOptions,
): Result<ModelFitReport> {
  const calibrationEnd = options.calibrationEnd ?? file.lastDay;
  const summaries = summarise(file.transactions, calibrationEnd, options.unit);
  if (summaries.length === 0) return noCustomers(file, calibrationEnd);
  return ok(fitSummaries(summaries, file, { ...options, calibrationEnd }));
}

export interface BacktestOptions extends ModelFitOptions {
  readonly calibrationEnd: string;
  /** YYYY-MM-DD, included; default the file's last day. */
  readonly holdoutEnd?: string;
}

/** Customers grouped by their calibration repeat purchases: "0" … "6", "7+", or "total". */
export interface BacktestRow {
  readonly group: string;
  readonly customers: number;
  readonly actual: number;
  /** The model's expected holdout transactions; null when the model cannot say. */
  readonly predicted: number | null;
}

export interface BacktestReport {
  readonly fit: ModelFitReport;
  /** The first and last day of the holdout, and its length in the fit's unit. */
  readonly holdoutStart: string;
  readonly holdoutEnd: string;
  readonly holdoutLength: number;
  readonly rows: BacktestRow[];
  readonly total: BacktestRow;
  /** Customers with at least one holdout transaction. */
  readonly buyers: number;
  /** AUC of "buys again in the holdout"; null when undefined or the model cannot say. */
  readonly auc: {
    readonly pActive: number | null;
    /** The model's expected holdout transactions as a score (frequency and recency). */
    readonly expected: number | null;
    readonly recency: number | null;
    readonly rule: number | null;
  };
}

/** What the backtest needs to know of one calibration customer. */
interface Scored {
  readonly summary: CustomerSummary;
  readonly actual: number;
  /** Null when the model did not converge or its formula gave no finite number. */
  readonly predicted: number | null;
  readonly pActive: number | null;
  readonly daysSinceLast: number;
  readonly lapsedByRule: boolean;
}

const finite = (value: number) => (Number.isFinite(value) ? value : null);

function scoreCustomers(
  file: TransactionFile,
  summaries: CustomerSummary[],
  fit: ModelFitReport,
  holdout: { end: string; length: number },
): Scored[] {
  const { calibrationEnd: end, unit } = fit;
  const whole = new Map(
    summarise(file.transactions, holdout.end, unit).map((s) => [s.customer, s]),
  );
  const windowStart = shiftDay(end, -ruleWindowDays);
  const before = new Map(
    summarise(file.transactions, windowStart, unit).map((s) => [s.customer, s]),
  );
  const params = fit.rhythm.converged ? fit.rhythm.params : null;
  return summaries.map((summary) => {
    const { customer, x, tx, T } = summary;
    const lastVisit = summary.lastPurchase.toISOString().slice(0, 10);
    // Visit days in the rule's window (end − 182, end]: all of them less those before it.
    const earlier = before.get(customer);
    const visitsInWindow = x + 1 - (earlier ? earlier.x + 1 : 0);
    return {
      summary,
      actual: (whole.get(customer)?.x ?? x) - x,
      predicted: params && finite(expectedTransactions(params, holdout.length, x, tx, T)),
      pActive: params && finite(probabilityAlive(params, x, tx, T)),
      daysSinceLast: daysFrom(lastVisit, end),
      lapsedByRule: ruleLapsed({ visitsInWindow, lastVisit, asOf: end }),
    };
  });
}

function row(group: string, customers: Scored[]): BacktestRow {
  const predictions = customers.map((c) => c.predicted);
  const predicted = predictions.every((p) => p !== null)
    ? predictions.reduce<number>((sum, p) => sum + (p as number), 0)
    : null;
  return {
    group,
    customers: customers.length,
    actual: customers.reduce((sum, c) => sum + c.actual, 0),
    predicted,
  };
}

function aucOf(customers: Scored[], score: (c: Scored) => number | null): number | null {
  const items = customers.map((c) => ({ score: score(c), positive: c.actual > 0 }));
  if (items.some((item) => item.score === null)) return null;
  return auc(items as { score: number; positive: boolean }[]);
}

export function backtestTransactionFile(
  file: TransactionFile,
  options: BacktestOptions,
): Result<BacktestReport> {
  const { calibrationEnd } = options;
  const holdoutEnd = options.holdoutEnd ?? file.lastDay;
  if (holdoutEnd <= calibrationEnd) {
    return options.holdoutEnd === undefined
      ? invalid(
          'calibration-end',
          `The file ends on ${file.lastDay}: nothing is left for a holdout after the calibration end ${calibrationEnd}.`,
        )
      : invalid('holdout-end', `The holdout end must come after the calibration end.`);
  }
  const summaries = summarise(file.transactions, calibrationEnd, options.unit);
  if (summaries.length === 0) return noCustomers(file, calibrationEnd);
  const fit = fitSummaries(summaries, file, options);
  const length = daysFrom(calibrationEnd, holdoutEnd) / (options.unit === 'weeks' ? 7 : 1);
  const scored = scoreCustomers(file, summaries, fit, { end: holdoutEnd, length });
  const groups = ['0', '1', '2', '3', '4', '5', '6', '7+'];
  const rows = groups.map((group, x) =>
    row(
      group,
      scored.filter((c) => (x < 7 ? c.summary.x === x : c.summary.x >= 7)),
    ),
  );
  return ok({
    fit,
    holdoutStart: shiftDay(calibrationEnd, 1),
    holdoutEnd,
    holdoutLength: length,
    rows,
    total: row('total', scored),
    buyers: scored.filter((c) => c.actual > 0).length,
    auc: {
      pActive: aucOf(scored, (c) => c.pActive),
      expected: aucOf(scored, (c) => c.predicted),
      // More recent, more likely: the fewer days since, the higher the score.
      recency: aucOf(scored, (c) => -c.daysSinceLast),
      rule: aucOf(scored, (c) => (c.lapsedByRule ? 0 : 1)),
    },
  });
}
