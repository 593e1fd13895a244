import {
  probabilityAlive,
  expectedTransactions,
  type BgNbdParams,
} from '../../domain/insights/bg-nbd.ts';
import { expectedValue, type GammaGammaParams } from '../../domain/insights/gamma-gamma.ts';
import {
  daysBetween,
  nextDueOn,
  ruleLapsed,
  typicalGapDays,
} from '../../domain/insights/lapse-rule.ts';
import { percentiles, scoreRfm } from '../../domain/insights/rfm.ts';
import type { InsightRecord, PurchaseSummaryRow } from '../../store/insights.ts';

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
  const x = row.visitDays - 1;
  return {
    x,
    tx: daysBetween(row.firstOn, row.lastOn),
    T: Math.max(daysBetween(row.firstOn, asOf), daysBetween(row.firstOn, row.lastOn)),
    monetary: x > 0 ? Math.max(0, (row.netSpend - row.firstDayNet) / x) : 0,
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

function modelScores(fitted: NonNullable<Fitted>, row: PurchaseSummaryRow, asOf: string) {
  const customer = modelInputs(row, asOf);
  const { x, tx, T } = customer;
  const value = expectedValue({
    rhythm: fitted.rhythm,
    spend: fitted.spend,
    customer,
    unitsPerMonth: 30.4375,
  });
  const scores: ModelScores = {
    pAlive: finiteOrNull(probabilityAlive(fitted.rhythm, x, tx, T), 0, 1),
    expected90: finiteOrNull(expectedTransactions(fitted.rhythm, 90, x, tx, T)),
    expected365: finiteOrNull(expectedTransactions(fitted.rhythm, 365, x, tx, T)),
    value12m: finiteOrNull(Math.round(value)),
  };
  return scores;
}

const noModel: ModelScores = { pAlive: null, expected90: null, expected365: null, value12m: null };

function valueAtRisk(row: PurchaseSummaryRow, gap: number | null, goneChance: number): number {
  if (gap === null) return 0;
  const yearly = (row.netSpend / row.visitDays) * (365 / gap);
  return finiteOrNull(Math.round(yearly * Math.min(1, Math.max(0, goneChance)))) ?? 0;
}

export function scoreCustomers(input: {
  rows: PurchaseSummaryRow[];
  asOf: string;
  computedAt: Date;
  fitted: Fitted;
}): InsightRecord[] {
  const { rows, asOf, fitted } = input;
  const rfm = scoreRfm(
    rows.map((row) => ({
      daysSinceLast: daysBetween(row.lastOn, asOf),
      visits: row.visitDays,
      spend: row.netSpend,
    })),
  );
  const model = rows.map((row) => (fitted ? modelScores(fitted, row, asOf) : noModel));
  // The ranking value: expected 12-month value under the model, last 12 months' spend
  // under the rule (which forecasts nothing).
  const shares = percentiles(
    rows.map((row, i) => (fitted ? (model[i]!.value12m ?? 0) : row.spend12m)),
  );
  return rows.map((row, i) => {
    const gap = typicalGapDays({
      firstVisit: row.firstOn,
      lastVisit: row.lastOn,
      visitDays: row.visitDays,
    });
    const scores = model[i]!;
    const lapsed = fitted
      ? row.visitDays >= 2 && scores.pAlive !== null && scores.pAlive < 0.5
      : ruleLapsed({ visitsInWindow: row.visitsInRuleWindow, lastVisit: row.lastOn, asOf });
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
      rScore: rfm[i]!.r,
      fScore: rfm[i]!.f,
      mScore: rfm[i]!.m,
      segment: rfm[i]!.segment,
      valuePercentile: shares[i]!,
      spend12m: row.spend12m,
      visits12m: row.visits12m,
      homeOutletId: row.homeOutletId,
    };
  });
}
