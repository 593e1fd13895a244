import { Type, type Static } from 'typebox';
import { maxBirthdayDays } from '../../domain/insights/birthdays.ts';
import { segmentNames } from '../../domain/insights/rfm.ts';
import { emailConsentStates } from '../../domain/segments/segment-criteria.ts';
import { Id, Money, Nullable, Paging, StringEnum } from './platform.ts';

/**
 * Campaign segments (issue 14): criteria, all optional and all required to hold. Money
 * is in minor units of the shop's currency. Member lists carry a name and customer
 * number only, never a contact detail. The domain (segment-validation.ts) holds the
 * business rules (ranges low to high); these are the outer walls.
 */
const optional = <T extends Parameters<typeof Nullable>[0]>(schema: T) =>
  Type.Optional(Nullable(schema));

const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

export const SegmentCriteria = Type.Object(
  {
    groupId: optional(Id),
    rfmSegment: optional(StringEnum(segmentNames)),
    lapsed: optional(Type.Boolean()),
    birthdayDays: optional(Type.Integer({ minimum: 1, maximum: maxBirthdayDays })),
    topPercent: optional(Type.Integer({ minimum: 1, maximum: 100 })),
    spendMin: optional(Money),
    spendMax: optional(Money),
    visitsMin: optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
    visitsMax: optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
    lastVisitBefore: optional(IsoDate),
    lastVisitAfter: optional(IsoDate),
    lastVisitWithinDays: optional(Type.Integer({ minimum: 1, maximum: 3650 })),
    outletId: optional(Id),
    boughtCategory: optional(Type.String({ minLength: 1, maxLength: 80 })),
    boughtBrand: optional(Type.String({ minLength: 1, maxLength: 80 })),
    emailConsent: optional(StringEnum(emailConsentStates)),
  },
  { additionalProperties: false },
);
export type SegmentCriteria = Static<typeof SegmentCriteria>;

export const NewCampaignSegmentBody = Type.Object(
  { name: Type.String({ maxLength: 80 }), definition: SegmentCriteria },
  { additionalProperties: false },
);
export type NewCampaignSegmentBody = Static<typeof NewCampaignSegmentBody>;

export const CampaignSegmentChange = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 80 })),
    definition: Type.Optional(SegmentCriteria),
  },
  { additionalProperties: false },
);
export type CampaignSegmentChange = Static<typeof CampaignSegmentChange>;

export const SegmentCountBody = Type.Object(
  { definition: SegmentCriteria },
  { additionalProperties: false },
);
export type SegmentCountBody = Static<typeof SegmentCountBody>;

export const SegmentCount = Type.Object({ count: Type.Integer() });
export type SegmentCount = Static<typeof SegmentCount>;

export const CampaignSegment = Type.Object({
  id: Type.String(),
  name: Type.String(),
  definition: SegmentCriteria,
  /** 'insights_list': saved from the Insights page as one list's filter. */
  source: StringEnum(['criteria', 'insights_list'] as const),
  createdAt: Type.String(),
});
export type CampaignSegment = Static<typeof CampaignSegment>;

export const CampaignSegmentAnswer = Type.Object({ segment: CampaignSegment });
export type CampaignSegmentAnswer = Static<typeof CampaignSegmentAnswer>;
export const CampaignSegmentList = Type.Object({ segments: Type.Array(CampaignSegment) });
export type CampaignSegmentList = Static<typeof CampaignSegmentList>;

/** What the "bought" criteria can pick from: the catalogue's categories and brands. */
export const SegmentChoices = Type.Object({
  categories: Type.Array(Type.String()),
  brands: Type.Array(Type.String()),
});
export type SegmentChoices = Static<typeof SegmentChoices>;

export const SegmentPreviewQuery = Type.Object(Paging, { additionalProperties: false });
export type SegmentPreviewQuery = Static<typeof SegmentPreviewQuery>;

export const SegmentPreview = Type.Object({
  items: Type.Array(
    Type.Object({ customerId: Type.String(), number: Type.String(), name: Type.String() }),
  ),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type SegmentPreview = Static<typeof SegmentPreview>;

/**
 * GET /segments/:id/sms-export: CSV (customer_number, name, phone in E.164) streamed a
 * page at a time, so the answer is a stream rather than one string (typed unknown: the
 * web reads it as a file, and node's stream type is not the web's).
 */
export const SmsExportFile = {
  description: "The segment's consenting mobile numbers as CSV",
  content: { 'text/csv': { schema: Type.Unsafe<unknown>(Type.String()) } },
};
