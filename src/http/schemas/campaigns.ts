import { Type, type Static } from 'typebox';
import { campaignStates, maxControlShareBp } from '../../domain/campaigns/campaign-lifecycle.ts';
import { campaignPurposes } from '../../domain/campaigns/campaign-purpose.ts';
import { maxSubjectLength } from '../../domain/campaigns/templates.ts';
import { Id, Nullable, StringEnum } from './platform.ts';

/**
 * Email campaigns (issue 14). Lengths here are outer walls; the template rules (merge
 * fields, scripts, card numbers, the 200-character subject) are the domain's, which
 * names the field at fault. Nothing here carries a customer's contact detail.
 */
export const CampaignBody = Type.Object(
  {
    name: Type.String({ maxLength: 200 }),
    segmentId: Id,
    // A little over the limit passes here so the domain's clearer message answers.
    subject: Type.String({ maxLength: maxSubjectLength * 2 }),
    html: Type.String({ maxLength: 500_000 }),
    text: Type.String({ maxLength: 200_000 }),
    controlShareBp: Type.Optional(Type.Integer({ minimum: 0, maximum: maxControlShareBp })),
    /**
     * marketing (the default): reaches usable consent. repermission: reaches consent that
     * is given but stale, and its body must hold {{reconfirm_link}}.
     */
    purpose: Type.Optional(StringEnum(campaignPurposes)),
  },
  { additionalProperties: false },
);
export type CampaignBody = Static<typeof CampaignBody>;

export const Campaign = Type.Object({
  id: Type.String(),
  name: Type.String(),
  segmentId: Type.String(),
  subject: Type.String(),
  html: Type.String(),
  text: Type.String(),
  state: StringEnum(campaignStates),
  controlShareBp: Type.Integer(),
  purpose: StringEnum(campaignPurposes),
  scheduledAt: Nullable(Type.String()),
  startedAt: Nullable(Type.String()),
  finishedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Campaign = Static<typeof Campaign>;

export const CampaignAnswer = Type.Object({ campaign: Campaign });
export type CampaignAnswer = Static<typeof CampaignAnswer>;
export const CampaignList = Type.Object({ campaigns: Type.Array(Campaign) });
export type CampaignList = Static<typeof CampaignList>;

export const ScheduleBody = Type.Object(
  {
    /** Leave out (or null) to send now. */
    scheduledAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
  },
  { additionalProperties: false },
);
export type ScheduleBody = Static<typeof ScheduleBody>;

export const PreviewQuery = Type.Object({ customerId: Id }, { additionalProperties: false });
export type PreviewQuery = Static<typeof PreviewQuery>;

export const CampaignPreview = Type.Object({
  preview: Type.Object({ subject: Type.String(), html: Type.String(), text: Type.String() }),
});
export type CampaignPreview = Static<typeof CampaignPreview>;

export const TestSendBody = Type.Object(
  {
    to: Type.String({ maxLength: 254 }),
    /** Fill the merge fields with this customer's values; sample values when left out. */
    customerId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);
export type TestSendBody = Static<typeof TestSendBody>;

export const TestSendAnswer = Type.Object({ sent: Type.Literal(true) });
export type TestSendAnswer = Static<typeof TestSendAnswer>;

const Count = Type.Integer({ minimum: 0 });
const ByReason = Type.Record(Type.String(), Count);

export const GroupOutcome = Type.Object({
  group: StringEnum(['sent', 'control'] as const),
  size: Count,
  returned: Count,
  purchases: Count,
  spend: Type.Array(Type.Object({ currency: Type.String(), amount: Type.Integer() })),
});
export type GroupOutcome = Static<typeof GroupOutcome>;

export const CampaignResults = Type.Object({
  campaign: Campaign,
  results: Type.Object({
    recipients: Count,
    pending: Count,
    sent: Count,
    failed: Count,
    control: Count,
    skipped: Count,
    skippedByReason: ByReason,
    failedByReason: ByReason,
    unsubscribes: Count,
    /** Email consent given again through the campaign's re-confirm links. */
    reconfirmations: Count,
    windowDays: Count,
    outcomes: Type.Array(GroupOutcome),
  }),
});
export type CampaignResults = Static<typeof CampaignResults>;
