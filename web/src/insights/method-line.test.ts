import { describe, expect, it } from 'vitest';
import type { InsightsSummary } from '@contract/insights.ts';
import { methodLine, ruleText, runDetail } from './method-line.ts';

type Run = NonNullable<InsightsSummary['run']>;
const when = (iso: string) => `[${iso}]`;
const modelRun: Run = {
  at: '2026-12-01T03:00:00.000Z',
  method: 'model',
  modelVersion: 'mbg-nbd+gamma-gamma/1',
  fallbackReason: null,
  converged: true,
  params: { r: 0.2426, alpha: 4.4136, a: 0.793, b: 2.426, p: 6.25, q: 3.74, v: 15.44 },
  customers: 2400,
  customersWithPurchase: 2357,
  historyDays: 546,
  durationMs: 1830,
};

describe('the Insights header says which method is in use', () => {
  it('names the model and how many customers it was fitted on', () => {
    expect(methodLine(modelRun, when)).toBe(
      'Model: MBG/NBD fitted on 2,357 customers, computed [2026-12-01T03:00:00.000Z]',
    );
  });

  it('states the rule and why the model is not used', () => {
    const line = methodLine(
      {
        ...modelRun,
        method: 'rule',
        modelVersion: 'rule/1',
        params: null,
        converged: null,
        fallbackReason: 'only 40 customers with a purchase (the model needs 500)',
      },
      when,
    );
    expect(line).toBe(
      'Rule: 3+ visits in 6 months and none in the last 6 weeks — only 40 customers with a purchase (the model needs 500). Computed [2026-12-01T03:00:00.000Z]',
    );
    expect(ruleText).toBe('3+ visits in 6 months and none in the last 6 weeks');
  });

  it('says when nothing has been computed yet', () => {
    expect(methodLine(null, when)).toMatch(/^Not worked out yet/);
  });

  it('gives the version, time taken and rounded parameters', () => {
    expect(runDetail(modelRun)).toBe(
      'version mbg-nbd+gamma-gamma/1 · 2,400 customers scored · 546 days of history · took 1.8 s · r 0.243, α 4.41, a 0.793, b 2.43, p 6.25, q 3.74, v 15.4',
    );
    const quick = runDetail({ ...modelRun, converged: false, durationMs: 45, params: null });
    expect(quick).toContain('took 45 ms');
    expect(quick).toContain('the fit did not converge');
  });
});
