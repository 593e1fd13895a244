import { Type, type Static } from 'typebox';
import { maxBirthdayDays } from '../../domain/insights/birthdays.ts';
import { segmentNames } from '../../domain/insights/rfm.ts';
import { insightLists, topOrders } from '../../domain/insights/segments.ts';
import { Nullable, Paging, StringEnum } from './platform.ts';

/**
 * The back office's Insights page (issue 13). Lists name customers by name and number
 * only, never a contact detail; money is in minor units.
 */

const InsightMethod = StringEnum(['model', 'rule'] as const);
const OutletFilter = {
  /** The outlet of most of the customer's visits, else the one they signed up at. */
  outletId: Type.Optional(Type.String({ format: 'uuid' })),
};

export const InsightsSummaryQuery = Type.Object(OutletFilter, { additionalProperties: false });
export type InsightsSummaryQuery = Static<typeof InsightsSummaryQuery>;

export const InsightsSummary = Type.Object({
  /** The last recompute; null before the first. */
  run: Nullable(
    Type.Object({
      at: Type.String(),
      method: InsightMethod,
      modelVersion: Type.String(),
      /** Why the stated rule is in use instead of the model; null when the model is. */
      fallbackReason: Nullable(Type.String()),
      converged: Nullable(Type.Boolean()),
      /** Fitted parameters: r, alpha, a, b (purchase rhythm, per day); p, q, v (spend). */
      params: Nullable(Type.Record(Type.String(), Type.Number())),
      customers: Type.Integer(),
      customersWithPurchase: Type.Integer(),
      historyDays: Type.Integer(),
      durationMs: Type.Integer(),
    }),
  ),
  /** Customers per R and F score (1–5); cells with none are left out. */
  rfmGrid: Type.Array(
    Type.Object({ r: Type.Integer(), f: Type.Integer(), customers: Type.Integer() }),
  ),
  segments: Type.Array(Type.Object({ segment: Type.String(), customers: Type.Integer() })),
  /** Ten equal-width buckets of 12-month value (model) or spend (rule), minor units. */
  valueBuckets: Type.Array(
    Type.Object({ from: Type.Integer(), to: Type.Integer(), customers: Type.Integer() }),
  ),
  /** The last 26 weeks, Monday first, with customers' visit days per week. */
  visitsPerWeek: Type.Array(Type.Object({ week: Type.String(), visits: Type.Integer() })),
});
export type InsightsSummary = Static<typeof InsightsSummary>;

export const InsightCustomer = Type.Object({
  customerId: Type.String(),
  number: Type.String(),
  name: Type.String(),
  segment: Type.String(),
  lastPurchaseOn: Type.String(),
  visits12m: Type.Integer(),
  spend12m: Type.Integer(),
  /** Expected spend over the next 12 months (model only). */
  value12m: Nullable(Type.Integer()),
  /**
   * A year at their own pace (mean spend per visit day × 365 / typical gap) times the
   * chance they have gone (1 − pAlive; 1 for the rule's lapsed): the lapsed list's order.
   */
  valueAtRisk: Type.Integer(),
  /** Probability they are still a customer (model only). */
  pAlive: Nullable(Type.Number()),
  typicalGapDays: Nullable(Type.Number()),
  valuePercentile: Type.Number(),
});
export type InsightCustomer = Static<typeof InsightCustomer>;

export const InsightCustomerPage = Type.Object({
  items: Type.Array(InsightCustomer),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type InsightCustomerPage = Static<typeof InsightCustomerPage>;

export const LapsedQuery = Type.Object(
  { ...Paging, ...OutletFilter },
  { additionalProperties: false },
);
export type LapsedQuery = Static<typeof LapsedQuery>;

export const TopQuery = Type.Object(
  { ...Paging, ...OutletFilter, by: Type.Optional(StringEnum(topOrders)) },
  { additionalProperties: false },
);
export type TopQuery = Static<typeof TopQuery>;

export const BirthdaysQuery = Type.Object(
  {
    ...Paging,
    ...OutletFilter,
    /** Days ahead, today included; the shop's birthdayDays setting when left out. */
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: maxBirthdayDays })),
  },
  { additionalProperties: false },
);
export type BirthdaysQuery = Static<typeof BirthdaysQuery>;

export const BirthdayCustomer = Type.Object({
  customerId: Type.String(),
  number: Type.String(),
  name: Type.String(),
  /** The date within the window the birthday is celebrated (no year of birth). */
  on: Type.String(),
});

export const BirthdayPage = Type.Object({
  items: Type.Array(BirthdayCustomer),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  days: Type.Integer(),
});
export type BirthdayPage = Static<typeof BirthdayPage>;

/** A list's filter, saved by name as a segment (evaluated when used). */
export const SegmentDefinition = Type.Object(
  {
    list: StringEnum(insightLists),
    outletId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: maxBirthdayDays })),
    by: Type.Optional(StringEnum(topOrders)),
    segment: Type.Optional(StringEnum(segmentNames)),
  },
  { additionalProperties: false },
);

export const NewSegmentBody = Type.Object(
  { name: Type.String({ maxLength: 80 }), definition: SegmentDefinition },
  { additionalProperties: false },
);
export type NewSegmentBody = Static<typeof NewSegmentBody>;

export const Segment = Type.Object({
  id: Type.String(),
  name: Type.String(),
  definition: Type.Object({
    list: StringEnum(insightLists),
    outletId: Nullable(Type.String()),
    days: Type.Optional(Type.Integer()),
    by: Type.Optional(StringEnum(topOrders)),
    segment: Type.Optional(Type.String()),
  }),
  createdAt: Type.String(),
});
export type Segment = Static<typeof Segment>;

export const SegmentAnswer = Type.Object({ segment: Segment });
export type SegmentAnswer = Static<typeof SegmentAnswer>;
export const SegmentList = Type.Object({ segments: Type.Array(Segment) });
export type SegmentList = Static<typeof SegmentList>;
