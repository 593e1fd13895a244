import type { InsightsSummary } from '@contract/insights.ts';
import { ruleMinVisits, ruleQuietDays, ruleWindowDays } from '@domain/insights/lapse-rule.ts';

type Run = NonNullable<InsightsSummary['run']>;

/** The rule as a sentence, from the very constants the server judges by. */
export const ruleText = `${ruleMinVisits}+ visits in ${Math.round(ruleWindowDays / 30.4)} months and none in the last ${Math.round(ruleQuietDays / 7)} weeks`;

const paramLabels: Readonly<Record<string, string>> = {
  r: 'r',
  alpha: 'α',
  a: 'a',
  b: 'b',
  p: 'p',
  q: 'q',
  v: 'v',
};

const plainNumber = new Intl.NumberFormat('en-GB');

function roundParam(value: number): string {
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
}

/**
 * The Insights page's header: which method judged who has lapsed, on how many customers,
 * and why the model is not used when the rule is. `when` is the run's time as shown.
 */
export function methodLine(run: Run | null, when: (iso: string) => string): string {
  if (run === null) {
    return 'Not worked out yet: insights are computed nightly (or with “clientele insights recompute”).';
  }
  if (run.method === 'model') {
    return `Model: MBG/NBD fitted on ${plainNumber.format(run.customersWithPurchase)} customers, computed ${when(run.at)}`;
  }
  const reason = run.fallbackReason ?? 'the model was not used';
  return `Rule: ${ruleText} — ${reason}. Computed ${when(run.at)}`;
}

/** The run's particulars for those who ask: version, time taken, fitted parameters. */
export function runDetail(run: Run): string {
  const parts = [
    `version ${run.modelVersion}`,
    `${plainNumber.format(run.customers)} customers scored`,
    `${plainNumber.format(run.historyDays)} days of history`,
    `took ${run.durationMs < 1000 ? `${run.durationMs} ms` : `${(run.durationMs / 1000).toFixed(1)} s`}`,
  ];
  if (run.converged === false) parts.push('the fit did not converge');
  const params = Object.entries(run.params ?? {})
    .filter(([, value]) => Number.isFinite(value))
    .map(([name, value]) => `${paramLabels[name] ?? name} ${roundParam(value)}`);
  if (params.length > 0) parts.push(params.join(', '));
  return parts.join(' · ');
}
