import { selectLatestInsightRun } from '../../store/insights.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { recomputeInsights, type InsightRun } from './insights-recompute.ts';

/** The recompute runs once a night, at the first upkeep after this hour (UTC). */
export const nightlyHourUtc = 2;

/** The latest nightly start time at or before `now`. */
export function lastNightlyStart(now: Date, hourUtc = nightlyHourUtc): Date {
  const today = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hourUtc),
  );
  return today.getTime() <= now.getTime() ? today : new Date(today.getTime() - 86_400_000);
}

/**
 * Called by the server's hourly upkeep: recomputes when no run has started since the
 * last nightly start (so once a night, and once soon after the first start of a new
 * install); otherwise returns null at the cost of one indexed read.
 */
export async function recomputeInsightsIfDue(deps: ServiceDeps): Promise<InsightRun | null> {
  const last = await selectLatestInsightRun(deps.db);
  if (last && last.startedAt.getTime() >= lastNightlyStart(deps.now()).getTime()) return null;
  return recomputeInsights(deps);
}
