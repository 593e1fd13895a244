import { Type, type Static } from 'typebox';
import { pointsChoices, storeCreditChoices } from '../../domain/erasure.ts';
import { Money, Points, StringEnum } from './platform.ts';

/**
 * Erasing one customer (GDPR art. 17). The reason goes to the audit log. When the customer
 * still holds store credit or points, the admin chooses what happens to them; without a
 * choice the erasure is refused with money_owed, which lists what is owed.
 */
export const CustomerErasureBody = Type.Object(
  {
    reason: Type.String({ minLength: 3, maxLength: 200 }),
    /** paid_out: handed to the customer; forfeited: given up by them. */
    storeCredit: Type.Optional(StringEnum(storeCreditChoices)),
    points: Type.Optional(StringEnum(pointsChoices)),
  },
  { additionalProperties: false },
);
export type CustomerErasureBody = Static<typeof CustomerErasureBody>;

export const CustomerErasure = Type.Object({
  customerId: Type.String(),
  number: Type.String(),
  erasedAt: Type.String({ description: 'ISO 8601, UTC' }),
  storeCredit: Type.Array(
    Type.Object({
      currency: Type.String(),
      amount: Money,
      outcome: StringEnum(storeCreditChoices),
    }),
  ),
  pointsForfeited: Points,
  cardsRetired: Type.Integer({ minimum: 0 }),
  giftCardsUnlinked: Type.Integer({ minimum: 0 }),
  suppressed: Type.Object({ email: Type.Boolean(), sms: Type.Boolean() }),
  requestsClosed: Type.Integer({ minimum: 0 }),
});
export type CustomerErasure = Static<typeof CustomerErasure>;
