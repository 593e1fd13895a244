import { Type, type Static } from 'typebox';
import { ConsentChannel, StaleReason } from './customers.ts';
import { Id, Nullable } from './platform.ts';

/** Consent wordings (versioned per channel, one current) and stale consent (F18). */

export const ConsentWording = Type.Object({
  id: Type.String(),
  channel: ConsentChannel,
  version: Type.Integer(),
  text: Type.String(),
  /** The text customers are asked to agree to now; consent under another one is stale. */
  current: Type.Boolean(),
  createdAt: Type.String(),
});
export type ConsentWording = Static<typeof ConsentWording>;

export const ConsentWordingList = Type.Object({ wordings: Type.Array(ConsentWording) });
export type ConsentWordingList = Static<typeof ConsentWordingList>;

export const ConsentWordingBody = Type.Object(
  { channel: ConsentChannel, text: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);
export type ConsentWordingBody = Static<typeof ConsentWordingBody>;

export const ConsentWordingAnswer = Type.Object({ wording: ConsentWording });
export type ConsentWordingAnswer = Static<typeof ConsentWordingAnswer>;

/** Keyset paging: pass the `next` of the previous page back as afterCustomerId/afterChannel. */
export const StaleConsentQuery = Type.Object(
  {
    /** The outlet where the latest consent was recorded. */
    outletId: Type.Optional(Id),
    afterCustomerId: Type.Optional(Id),
    afterChannel: Type.Optional(ConsentChannel),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type StaleConsentQuery = Static<typeof StaleConsentQuery>;

/** No contact details: the list is for marketers too. */
export const StaleConsentItem = Type.Object({
  customerId: Type.String(),
  customerNumber: Type.String(),
  customerName: Type.String(),
  channel: ConsentChannel,
  reasons: Type.Array(StaleReason),
  /** When the consent in force was given. */
  at: Type.String(),
  outletName: Nullable(Type.String()),
});
export type StaleConsentItem = Static<typeof StaleConsentItem>;

export const StaleConsentPage = Type.Object({
  items: Type.Array(StaleConsentItem),
  next: Nullable(Type.Object({ customerId: Type.String(), channel: ConsentChannel })),
});
export type StaleConsentPage = Static<typeof StaleConsentPage>;
