import { fitBgNbd, groupRfm } from '../../domain/insights/bg-nbd.ts';
import { fitGammaGamma } from '../../domain/insights/gamma-gamma.ts';
import {
  chooseMethod,
  enoughForModel,
  type MethodChoice,
} from '../../domain/insights/lapse-rule.ts';
import type { InsightRecord } from '../../store/insights.ts';
import { modelInputsOf, prepareScores, type Fitted } from './insight-scoring.ts';
import { toDayNumber, type SummaryColumns } from './summary-columns.ts';

export type FitDecision = MethodChoice & {
  fitted: Fitted;
  /** Whether the fits converged; null when the model was not tried. */
  converged: boolean | null;
  params: Record<string, number> | null;
};

/**
 * Fits the purchase-rhythm model (MBG/NBD, see domain/insights/bg-nbd.ts for why not
 * plain BG/NBD) and the spend model when the shop has enough history, and decides
 * between them and the rule. A fit that did not converge, or any parameter that is not
 * a finite positive number, sends the run to the rule with the reason.
 */
export function fitAndChoose(input: {
  columns: SummaryColumns;
  asOf: string;
  historyDays: number;
}): FitDecision {
  const { columns, asOf } = input;
  const counts = { customersWithPurchase: columns.length, historyDays: input.historyDays };
  const enough = enoughForModel(counts);
  if (enough.method === 'rule') return { ...enough, fitted: null, converged: null, params: null };
  // The rhythm fit groups identical (x, tx, T) as they come; only repeat buyers enter the
  // spend fit, so neither holds an object per customer of the shop.
  const repeatSpend: { x: number; monetary: number }[] = [];
  function* rhythmInputs() {
    const asOfDay = toDayNumber(asOf);
    for (let i = 0; i < columns.length; i++) {
      const customer = modelInputsOf(columns.figures(i), asOfDay);
      if (customer.x > 0) repeatSpend.push({ x: customer.x, monetary: customer.monetary });
      yield customer;
    }
  }
  const rhythm = fitBgNbd(groupRfm(rhythmInputs()));
  const spend = fitGammaGamma(repeatSpend);
  const params = {
    r: rhythm.params.r,
    alpha: rhythm.params.alpha,
    a: rhythm.params.a,
    b: rhythm.params.b,
    p: spend.params.p,
    q: spend.params.q,
    v: spend.params.v,
  };
  const choice = chooseMethod({
    ...counts,
    fits: [
      {
        name: 'purchase-rhythm model',
        converged: rhythm.converged,
        params: { r: params.r, alpha: params.alpha, a: params.a, b: params.b },
      },
      {
        name: 'spend model',
        converged: spend.converged,
        params: { p: params.p, q: params.q, v: params.v },
      },
    ],
  });
  const converged = rhythm.converged && spend.converged;
  // Parameters go into the run's record only when they are numbers JSON can hold.
  const recorded = Object.values(params).every(Number.isFinite) ? params : null;
  if (choice.method === 'rule') return { ...choice, fitted: null, converged, params: recorded };
  return {
    ...choice,
    fitted: { rhythm: rhythm.params, spend: spend.params },
    converged,
    params: recorded,
  };
}

/** Above this share of customers without a finite forecast, the run uses the rule. */
export const maxUnscoredShare = 0.01;

/**
 * Fits, chooses and prepares the scores. A fit can converge and still give no finite
 * forecast for some customers (parameters far outside what the series can sum): those
 * customers get null model scores, and when they are more than 1% of the shop the whole
 * run uses the rule instead, with the reason, so the page never shows a model that mostly
 * says nothing.
 */
export function scoreRun(input: { columns: SummaryColumns; asOf: string; historyDays: number }): {
  decision: FitDecision;
  record(index: number, computedAt: Date): InsightRecord;
} {
  const decision = fitAndChoose(input);
  const scores = prepareScores({ ...input, fitted: decision.fitted });
  if (!decision.fitted || scores.unscored <= input.columns.length * maxUnscoredShare) {
    return { decision, record: scores.record };
  }
  const reason =
    `the model gave no finite forecast for ${scores.unscored} of ` +
    `${input.columns.length} customers`;
  return {
    decision: { ...decision, method: 'rule', reason, fitted: null },
    record: prepareScores({ ...input, fitted: null }).record,
  };
}
