import { fitBgNbd, groupRfm } from '../../domain/insights/bg-nbd.ts';
import { fitGammaGamma } from '../../domain/insights/gamma-gamma.ts';
import {
  chooseMethod,
  enoughForModel,
  type MethodChoice,
} from '../../domain/insights/lapse-rule.ts';
import type { PurchaseSummaryRow } from '../../store/insights.ts';
import { modelInputs, type Fitted } from './insight-scoring.ts';

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
  rows: PurchaseSummaryRow[];
  asOf: string;
  historyDays: number;
}): FitDecision {
  const counts = { customersWithPurchase: input.rows.length, historyDays: input.historyDays };
  const enough = enoughForModel(counts);
  if (enough.method === 'rule') return { ...enough, fitted: null, converged: null, params: null };
  const customers = input.rows.map((row) => modelInputs(row, input.asOf));
  const rhythm = fitBgNbd(groupRfm(customers));
  const spend = fitGammaGamma(customers);
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
