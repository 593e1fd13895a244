/**
 * The stated rule used when the shop has too little history for the model, and the
 * choice between the two.
 *
 * Rule: a customer with 3 or more visits in the last 6 months (182 days) and none in the
 * last 6 weeks (42 days) has lapsed. Their typical gap is the mean gap between their
 * visit days; the next visit is due one typical gap after the last.
 */
export const ruleWindowDays = 182;
export const ruleQuietDays = 42;
export const ruleMinVisits = 3;

/** The model needs this much to be trusted; below it the rule is used. */
export const modelMinCustomers = 500;
export const modelMinHistoryDays = 180;

const dayMs = 86_400_000;

/** Whole days from the ISO date `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

export type RuleInput = {
  /** Visit days in the 182 days up to and including `asOf`. */
  visitsInWindow: number;
  lastVisit: string;
  asOf: string;
};

export function ruleLapsed(input: RuleInput): boolean {
  return (
    input.visitsInWindow >= ruleMinVisits &&
    daysBetween(input.lastVisit, input.asOf) > ruleQuietDays
  );
}

/** Mean days between visit days, or null with fewer than two. */
export function typicalGapDays(input: {
  firstVisit: string;
  lastVisit: string;
  visitDays: number;
}): number | null {
  if (input.visitDays < 2) return null;
  const gap = daysBetween(input.firstVisit, input.lastVisit) / (input.visitDays - 1);
  return Number.isFinite(gap) && gap > 0 ? gap : null;
}

export function nextDueOn(lastVisit: string, gapDays: number | null): string | null {
  return gapDays === null ? null : addDays(lastVisit, Math.round(gapDays));
}

export type FitOutcome = {
  /** What was fitted, for the reason: "purchase-rhythm model", "spend model". */
  name: string;
  converged: boolean;
  /** Every fitted parameter (r, α, a, b; p, q, v). */
  params: Record<string, number>;
};

export type MethodChoice = { method: 'model'; reason: null } | { method: 'rule'; reason: string };

/** Whether there is enough history to fit the model at all (before trying). */
export function enoughForModel(input: {
  customersWithPurchase: number;
  historyDays: number;
}): MethodChoice {
  if (input.customersWithPurchase < modelMinCustomers) {
    return {
      method: 'rule',
      reason: `only ${input.customersWithPurchase} customers with a purchase (the model needs ${modelMinCustomers})`,
    };
  }
  if (input.historyDays < modelMinHistoryDays) {
    return {
      method: 'rule',
      reason: `only ${input.historyDays} days of sales history (the model needs ${modelMinHistoryDays})`,
    };
  }
  return { method: 'model', reason: null };
}

/** The model when there is enough history and every fit converged to finite, positive parameters. */
export function chooseMethod(input: {
  customersWithPurchase: number;
  historyDays: number;
  fits: FitOutcome[] | null;
}): MethodChoice {
  const enough = enoughForModel(input);
  if (enough.method === 'rule') return enough;
  if (!input.fits || input.fits.length === 0) {
    return { method: 'rule', reason: 'the model was not fitted' };
  }
  for (const fit of input.fits) {
    if (!fit.converged) return { method: 'rule', reason: `the ${fit.name} fit did not converge` };
    const bad = Object.entries(fit.params).find(
      ([, value]) => !Number.isFinite(value) || value <= 0,
    );
    if (bad) {
      return {
        method: 'rule',
        reason: `the ${fit.name} fit gave an unusable ${bad[0]} (${bad[1]})`,
      };
    }
  }
  return { method: 'model', reason: null };
}
