import type { SegmentName } from '../insights/rfm.ts';
import type { Minor } from '../units.ts';

/**
 * A campaign segment: who to reach, as criteria that are all optional and all must hold
 * (AND). Only the criteria are stored; members are worked out each time the segment is
 * used, so a customer erased, merged away or objecting to profiling since is never in it.
 *
 * Figures about behaviour (spend, visits, last visit, RFM segment, lapsed, value
 * percentile) come from the latest insights run (customer_insights), as the Insights page
 * shows them; a criterion on them leaves out customers without an insights row.
 */
export type SegmentCriteria = {
  /** Member of this customer group or tier (tiers are rule-based groups). */
  groupId?: string;
  /** RFM segment name of the latest insights run. */
  rfmSegment?: SegmentName;
  /** true: lapsed customers only; false: those not lapsed. */
  lapsed?: boolean;
  /** Birthday within the next N days, today included. */
  birthdayDays?: number;
  /** In the top N% by value (the insights' value percentile ≥ 100 − N). */
  topPercent?: number;
  /** Spend over the last 12 months, in minor units of the shop's currency, inclusive. */
  spendMin?: Minor;
  spendMax?: Minor;
  /** Visits (purchase days) over the last 12 months, inclusive. */
  visitsMin?: number;
  visitsMax?: number;
  /** Last purchase day strictly before / after a date (YYYY-MM-DD). */
  lastVisitBefore?: string;
  lastVisitAfter?: string;
  /** Last purchase within the last N days, today included. */
  lastVisitWithinDays?: number;
  /** Home outlet: where most of their visits were, else where they signed up. */
  outletId?: string;
  /** Ever bought (and kept) a line of this category / brand; case-insensitive. */
  boughtCategory?: string;
  boughtBrand?: string;
  /**
   * The latest email consent record: granted, withdrawn, or no record at all; or stale:
   * granted but too old or under an outdated wording (consent-refresh.ts isConsentStale),
   * the audience of a re-permission campaign. Stale consent also counts as granted.
   */
  emailConsent?: EmailConsentState;
};

export const emailConsentStates = ['granted', 'stale', 'withdrawn', 'none'] as const;
export type EmailConsentState = (typeof emailConsentStates)[number];

export type SegmentCriterion = keyof SegmentCriteria;

/** Every criterion, in the order the form shows them (also the list of allowed keys). */
export const segmentCriteria = [
  'groupId',
  'rfmSegment',
  'lapsed',
  'birthdayDays',
  'topPercent',
  'spendMin',
  'spendMax',
  'visitsMin',
  'visitsMax',
  'lastVisitBefore',
  'lastVisitAfter',
  'lastVisitWithinDays',
  'outletId',
  'boughtCategory',
  'boughtBrand',
  'emailConsent',
] as const satisfies readonly SegmentCriterion[];

/** Criteria read from the customer_insights row (so a customer needs one). */
export const insightRowCriteria = [
  'rfmSegment',
  'lapsed',
  'topPercent',
  'spendMin',
  'spendMax',
  'visitsMin',
  'visitsMax',
  'lastVisitBefore',
  'lastVisitAfter',
  'lastVisitWithinDays',
] as const satisfies readonly SegmentCriterion[];

export function needsInsightRow(criteria: SegmentCriteria): boolean {
  return insightRowCriteria.some((key) => criteria[key] !== undefined);
}

/**
 * Criteria that read what a customer did (purchases, scores, the birthday index): they
 * profile, so a customer who objected to profiling (art. 21) is left out when any is set.
 * Group, outlet of sign-up and consent state are not profiling.
 */
export const profilingCriteria = [
  ...insightRowCriteria,
  'birthdayDays',
  'boughtCategory',
  'boughtBrand',
] as const satisfies readonly SegmentCriterion[];

export function usesProfiling(criteria: SegmentCriteria): boolean {
  return profilingCriteria.some((key) => criteria[key] !== undefined);
}
