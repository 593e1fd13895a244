import {
  probabilityAlive,
  expectedTransactions,
  type BgNbdParams,
} from '../../domain/insights/bg-nbd.ts';
import { expectedAverageSpend, type GammaGammaParams } from '../../domain/insights/gamma-gamma.ts';
import { nextDueOn, ruleLapsed, typicalGapDays } from '../../domain/insights/lapse-rule.ts';
import { percentiles, quintileScores, rfmSegment, type Score } from '../../domain/insights/rfm.ts';
import type { PurchaseSummaryRow } from '../../store/insight-summaries.ts';
import type { InsightRecord } from '../../store/insights.ts';
import { toDayNumber, type SummaryColumns, type SummaryFigures } from './summary-columns.ts';

/**
 * Turns purchase summaries into the stored scores. Pure arithmetic over the rows given:
 * RFM and percentiles rank each customer against all the others, so every summary of
 * the run is scored together.
 *
 * Time is in days throughout (the model rescales internally). Under the model a
 * customer has lapsed when they have a rhythm (two or more visit days) and P(alive) is
 * below one half; under the rule, by the rule. Value at risk is what a year at their own
 * pace would bring (mean net spend per visit day × 365 / typical gap) times the chance
 * they have gone (1 − P(alive); under the rule 1 when lapsed, else 0).
 */
export type Fitted = { rhythm: BgNbdParams; spend: GammaGammaParams } | null;

export const ruleVersion = 'rule/1';
export const modelVersion = 'mbg-nbd+gamma-gamma/1';

/** (x, tx, T) in days, and the mean of the repeat days' spend, for the model. */
export function modelInputs(row: PurchaseSummaryRow, asOf: string) {
  return modelInputsOf(
    {
      visitDays: row.visitDays,
      firstDay: toDayNumber(row.firstOn),
      lastDay: toDayNumber(row.lastOn),
      netSpend: row.netSpend,
      firstDayNet: row.firstDayNet,
    },
    toDayNumber(asOf),
  );
}

/** modelInputs on day numbers: the recompute's million customers skip the date strings. */
export function modelInputsOf(
  figures: Omit<SummaryFigures, 'spend12m'>,
  asOfDay: number,
): { x: number; tx: number; T: number; monetary: number } {
  const x = figures.visitDays - 1;
  const tx = figures.lastDay - figures.firstDay;
  return {
    x,
    tx,
    T: Math.max(asOfDay - figures.firstDay, tx),
    monetary: x > 0 ? Math.max(0, (figures.netSpend - figures.firstDayNet) / x) : 0,
  };
}

/** A finite number in [min, max], else null: nothing else may reach a score column. */
function finiteOrNull(value: number, min = 0, max = Number.MAX_SAFE_INTEGER): number | null {
  return Number.isFinite(value) && value >= min && value <= max ? value : null;
}

type ModelScores = {
  pAlive: number | null;
  expected90: number | null;
  expected365: number | null;
  value12m: number | null;
};

/** The rhythm model's answers for one (x, tx, T): what customers of the same history share. */
type RhythmScores = { pAlive: number; expected90: number; expected365: number; year: number };

const monthDays = 30.4375;

/**
 * Model scores for each customer, computing the rhythm model's series once per distinct
 * (x, tx, T) (a million customers share about a third as many) and the spend model per
 * customer. Undiscounted, expectedValue is E[purchases in 12 months] × E[spend], so the
 * value is that product with the year's purchases taken from the shared answers.
 */
function modelScorer(fitted: NonNullable<Fitted>) {
  const shared = new Map<string, RhythmScores>();
  return (customer: ReturnType<typeof modelInputsOf>): ModelScores => {
    const { x, tx, T } = customer;
    const key = `${x}|${tx}|${T}`;
    let rhythm = shared.get(key);
    if (rhythm === undefined) {
      rhythm = {
        pAlive: probabilityAlive(fitted.rhythm, x, tx, T),
        expected90: expectedTransactions(fitted.rhythm, 90, x, tx, T),
        expected365: expectedTransactions(fitted.rhythm, 365, x, tx, T),
        year: expectedTransactions(fitted.rhythm, 12 * monthDays, x, tx, T),
      };
      shared.set(key, rhythm);
    }
    const value = rhythm.year * expectedAverageSpend(fitted.spend, x, customer.monetary);
    return {
      pAlive: finiteOrNull(rhythm.pAlive, 0, 1),
      expected90: finiteOrNull(rhythm.expected90),
      expected365: finiteOrNull(rhythm.expected365),
      value12m: finiteOrNull(Math.round(value)),
    };
  };
}

const noModel: ModelScores = { pAlive: null, expected90: null, expected365: null, value12m: null };

function valueAtRisk(row: PurchaseSummaryRow, gap: number | null, goneChance: number): number {
  if (gap === null) return 0;
  const yearly = (row.netSpend / row.visitDays) * (365 / gap);
  return finiteOrNull(Math.round(yearly * Math.min(1, Math.max(0, goneChance)))) ?? 0;
}

/**
 * Scores every customer of `columns` against all the others, then hands them out one at
 * a time: the ranks (R, F, M and the value percentile) need every customer's figures,
 * but the record of one customer is only built when it is written, so a run never holds
 * a million records at once. `unscored` counts customers the model gave no finite forecast.
 */
export function prepareScores(input: { columns: SummaryColumns; asOf: string; fitted: Fitted }): {
  unscored: number;
  record(index: number, computedAt: Date): InsightRecord;
} {
  const { columns, asOf, fitted } = input;
  const n = columns.length;
  const recency: number[] = new Array<number>(n);
  const visits: number[] = new Array<number>(n);
  const spend: number[] = new Array<number>(n);
  const ranking: number[] = new Array<number>(n);
  let unscored = 0;
  const asOfDay = toDayNumber(asOf);
  const scoreModel = fitted ? modelScorer(fitted) : () => noModel;
  for (let i = 0; i < n; i++) {
    const figures = columns.figures(i);
    recency[i] = figures.lastDay - asOfDay;
    visits[i] = figures.visitDays;
    spend[i] = figures.netSpend;
    const scores = scoreModel(modelInputsOf(figures, asOfDay));
    if (
      fitted &&
      (scores.pAlive === null || scores.expected365 === null || scores.value12m === null)
    )
      unscored++;
    // The ranking value: expected 12-month value under the model, last 12 months' spend
    // under the rule (which forecasts nothing).
    ranking[i] = fitted ? (scores.value12m ?? 0) : figures.spend12m;
  }
  const r = quintileScores(recency);
  const f = quintileScores(visits);
  const m = quintileScores(spend);
  const shares = percentiles(ranking);
  return {
    unscored,
    record: (i, computedAt) =>
      scoreOne({
        row: columns.row(i),
        asOf,
        fitted,
        computedAt,
        // Asked again rather than kept: the rhythm answers are cached per (x, tx, T), and a
        // million kept score objects would cost more memory than the whole summary.
        scores: scoreModel(modelInputsOf(columns.figures(i), asOfDay)),
        rfm: { r: r[i]!, f: f[i]!, m: m[i]! },
        valuePercentile: shares[i]!,
      }),
  };
}

function scoreOne(input: {
  row: PurchaseSummaryRow;
  asOf: string;
  fitted: Fitted;
  computedAt: Date;
  scores: ModelScores;
  rfm: { r: Score; f: Score; m: Score };
  valuePercentile: number;
}): InsightRecord {
  const { row, fitted, scores, rfm } = input;
  const gap = typicalGapDays({
    firstVisit: row.firstOn,
    lastVisit: row.lastOn,
    visitDays: row.visitDays,
  });
  const lapsed = fitted
    ? row.visitDays >= 2 && scores.pAlive !== null && scores.pAlive < 0.5
    : ruleLapsed({
        visitsInWindow: row.visitsInRuleWindow,
        lastVisit: row.lastOn,
        asOf: input.asOf,
      });
  const gone = fitted ? 1 - (scores.pAlive ?? 1) : lapsed ? 1 : 0;
  return {
    customerId: row.customerId,
    computedAt: input.computedAt,
    modelVersion: fitted ? modelVersion : ruleVersion,
    method: fitted ? 'model' : 'rule',
    visitDays: row.visitDays,
    firstPurchaseOn: row.firstOn,
    lastPurchaseOn: row.lastOn,
    ...scores,
    typicalGapDays: gap,
    nextDueOn: nextDueOn(row.lastOn, gap),
    valueAtRisk: valueAtRisk(row, gap, gone),
    lapsed,
    rScore: rfm.r,
    fScore: rfm.f,
    mScore: rfm.m,
    segment: rfmSegment(rfm.r, rfm.f),
    valuePercentile: input.valuePercentile,
    spend12m: row.spend12m,
    visits12m: row.visits12m,
    homeOutletId: row.homeOutletId,
  };
}
