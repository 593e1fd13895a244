import type { ServiceDeps } from './services/platform/context.ts';
import { recomputeGroups } from './services/customers/customer-groups.ts';
import { detachSalesAfterRetention } from './services/customers/retention.ts';
import { expirePoints } from './services/loyalty/loyalty-expiry.ts';
import { expireStoredValue } from './services/stored-value/stored-value-expiry.ts';
import { recomputeInsightsIfDue } from './services/insights/insights-schedule.ts';

/**
 * What the server runs on its own every hour: expiry of gift cards, store credit and
 * points, rule-based groups brought up to date, and erased customers' sales past the
 * accounting retention period detached from them. Customer insights are recomputed
 * once a night (the first hourly run after 02:00 UTC; `clientele insights recompute` by
 * hand). Each part is safe to repeat, so a second run (or the same command by hand)
 * changes nothing new.
 */
export async function runScheduledJobs(deps: ServiceDeps) {
  return {
    storedValue: await expireStoredValue(deps),
    points: await expirePoints(deps),
    groups: await recomputeGroups(deps),
    retention: await detachSalesAfterRetention(deps),
    insights: await recomputeInsightsIfDue(deps),
  };
}
