import type { Minor } from '../../domain/units.ts';
import { Type, type Static } from 'typebox';
import { giftCardActivityKinds, giftCardStates } from '../../domain/gift-cards.ts';
import { storeCreditEntryKinds } from '../../domain/store-credit.ts';
import { Identifier, Money, Nullable, SignedMoney, StringEnum } from './platform.ts';

/** Stored value: gift cards and store credit, and the liability they are. */

export const GiftCardNumber = Identifier({ minLength: 1, maxLength: 30 });
export type GiftCardNumber = Static<typeof GiftCardNumber>;

export const GiftCardState = StringEnum(giftCardStates);
export type GiftCardState = Static<typeof GiftCardState>;

export const GiftCardActivityKind = StringEnum(giftCardActivityKinds);
export type GiftCardActivityKind = Static<typeof GiftCardActivityKind>;

export const StoreCreditEntryKind = StringEnum(storeCreditEntryKinds);
export type StoreCreditEntryKind = Static<typeof StoreCreditEntryKind>;

export const GiftCard = Type.Object({
  id: Type.String(),
  number: Type.String(),
  currency: Type.String(),
  state: GiftCardState,
  balance: Type.Integer(),
  digital: Type.Boolean(),
  customerId: Nullable(Type.String()),
  issuedOutletId: Nullable(Type.String()),
  batchLabel: Nullable(Type.String()),
  activatedAt: Nullable(Type.String()),
  expiresAt: Nullable(Type.String()),
  expired: Type.Boolean(),
});
export type GiftCard = Static<typeof GiftCard>;

export const GiftCardActivity = Type.Object({
  id: Type.String(),
  kind: GiftCardActivityKind,
  amount: Type.Integer(),
  balanceAfter: Type.Integer(),
  stateAfter: GiftCardState,
  saleId: Nullable(Type.String()),
  outletId: Nullable(Type.String()),
  staffName: Nullable(Type.String()),
  approvedByName: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  at: Type.String(),
});
export type GiftCardActivity = Static<typeof GiftCardActivity>;

export const GiftCardParams = Type.Object({
  card: Type.String({ maxLength: 40, description: 'id or number' }),
});
export type GiftCardParams = Static<typeof GiftCardParams>;

export const GiftCardBalanceBody = Type.Object(
  { number: Identifier({ maxLength: 30 }) },
  { additionalProperties: false },
);
export type GiftCardBalanceBody = Static<typeof GiftCardBalanceBody>;

export const GiftCardBalance = Type.Object({
  number: Type.String(),
  currency: Type.String(),
  balance: Type.Integer(),
  state: GiftCardState,
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  expired: Type.Boolean(),
});
export type GiftCardBalance = Static<typeof GiftCardBalance>;

export const GiftCardRedeemBody = Type.Object(
  {
    number: Identifier({ maxLength: 30 }),
    amount: Type.Unsafe<Minor>(Type.Integer({ minimum: 1, maximum: 10_000_000_000 })),
  },
  { additionalProperties: false },
);
export type GiftCardRedeemBody = Static<typeof GiftCardRedeemBody>;

/** A card and the one activity a change wrote. */
export const GiftCardChanged = Type.Object({ card: GiftCard, activity: GiftCardActivity });
export type GiftCardChanged = Static<typeof GiftCardChanged>;

export const GiftCardSearchQuery = Type.Object({
  number: Type.Optional(Identifier({ maxLength: 30 })),
  customerId: Type.Optional(Type.String({ format: 'uuid' })),
  state: Type.Optional(GiftCardState),
});
export type GiftCardSearchQuery = Static<typeof GiftCardSearchQuery>;

export const GiftCardList = Type.Object({ cards: Type.Array(GiftCard) });
export type GiftCardList = Static<typeof GiftCardList>;

export const GiftCardWithActivity = Type.Object({
  card: GiftCard,
  activity: Type.Array(GiftCardActivity),
});
export type GiftCardWithActivity = Static<typeof GiftCardWithActivity>;

const Reason = Type.String({ maxLength: 200 });

export const GiftCardActionBody = Type.Union([
  Type.Object(
    {
      action: Type.Union([
        Type.Literal('block'),
        Type.Literal('unblock'),
        Type.Literal('deactivate'),
        Type.Literal('clear'),
      ]),
      reason: Reason,
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      action: Type.Literal('adjust'),
      amount: SignedMoney,
      reason: Reason,
    },
    { additionalProperties: false },
  ),
]);
export type GiftCardActionBody = Static<typeof GiftCardActionBody>;

export const GiftCardCustomerBody = Type.Object(
  { customerId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]) },
  { additionalProperties: false },
);
export type GiftCardCustomerBody = Static<typeof GiftCardCustomerBody>;

export const GiftCardAnswer = Type.Object({ card: GiftCard });
export type GiftCardAnswer = Static<typeof GiftCardAnswer>;

export const GiftCardEmailBody = Type.Object(
  { email: Type.String({ maxLength: 254 }) },
  { additionalProperties: false },
);
export type GiftCardEmailBody = Static<typeof GiftCardEmailBody>;

export const GiftCardEmailSent = Type.Object({ sent: Type.Boolean() });
export type GiftCardEmailSent = Static<typeof GiftCardEmailSent>;

export const GiftCardRangeBody = Type.Object(
  {
    prefix: Type.String({ maxLength: 6 }),
    first: Type.Integer({ minimum: 0, maximum: 99_999_999_999 }),
    count: Type.Integer({ minimum: 1, maximum: 100_000 }),
    currency: Type.String({ maxLength: 3 }),
    label: Type.String({ maxLength: 60 }),
  },
  { additionalProperties: false },
);
export type GiftCardRangeBody = Static<typeof GiftCardRangeBody>;

export const GiftCardRange = Type.Object({
  added: Type.Integer(),
  skipped: Type.Integer(),
  firstNumber: Type.String(),
  lastNumber: Type.String(),
});
export type GiftCardRange = Static<typeof GiftCardRange>;

export const StoreCreditEntry = Type.Object({
  id: Type.String(),
  currency: Type.String(),
  kind: StoreCreditEntryKind,
  amount: Type.Integer(),
  balanceAfter: Type.Integer(),
  expiresAt: Nullable(Type.String()),
  saleId: Nullable(Type.String()),
  staffName: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  at: Type.String(),
});
export type StoreCreditEntry = Static<typeof StoreCreditEntry>;

export const StoreCredit = Type.Object({
  accounts: Type.Array(
    Type.Object({
      currency: Type.String(),
      balance: Type.Integer(),
      spendable: Type.Integer(),
      expiring: Type.Array(Type.Object({ amount: Type.Integer(), expiresAt: Type.String() })),
    }),
  ),
  entries: Type.Array(StoreCreditEntry),
});
export type StoreCredit = Static<typeof StoreCredit>;

export const StoreCreditAdjustmentBody = Type.Object(
  {
    currency: Type.String({ maxLength: 3 }),
    amount: SignedMoney,
    reason: Type.String({ maxLength: 200 }),
    expiresAt: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type StoreCreditAdjustmentBody = Static<typeof StoreCreditAdjustmentBody>;

export const StoreCreditAdjusted = Type.Object({ entry: StoreCreditEntry });
export type StoreCreditAdjusted = Static<typeof StoreCreditAdjusted>;

/** The period of a report; either end may be left out. */
export const ReportPeriod = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 40 })),
  to: Type.Optional(Type.String({ maxLength: 40 })),
});
export type ReportPeriod = Static<typeof ReportPeriod>;

/** A month of gift card or store credit movements in one currency, by kind. */
export const StoredValueMovement = Type.Object({
  month: Type.String(),
  currency: Type.String(),
  issued: Type.Integer(),
  redeemed: Type.Integer(),
  refunded: Type.Integer(),
  expired: Type.Integer(),
  adjusted: Type.Integer(),
});
export type StoredValueMovement = Static<typeof StoredValueMovement>;

const Movements = Type.Array(StoredValueMovement);

export const StoredValueReport = Type.Object({
  from: Type.String(),
  to: Type.String(),
  giftCards: Type.Object({
    byOutlet: Type.Array(
      Type.Object({
        outlet: Type.String(),
        currency: Type.String(),
        cards: Type.Integer(),
        balance: Type.Integer(),
      }),
    ),
    byAge: Type.Array(
      Type.Object({
        ageBand: Type.String(),
        currency: Type.String(),
        cards: Type.Integer(),
        balance: Type.Integer(),
      }),
    ),
    movements: Movements,
  }),
  storeCredit: Type.Object({
    outstanding: Type.Array(
      Type.Object({
        currency: Type.String(),
        accounts: Type.Integer(),
        balance: Type.Integer(),
      }),
    ),
    movements: Movements,
  }),
});
export type StoredValueReport = Static<typeof StoredValueReport>;

/** What was wrong with a line of an import file: the error code, the column, and why. */
export const ImportLineProblem = Type.Object({
  code: Type.String(),
  field: Type.Optional(Type.String()),
  reason: Type.String(),
});
export type ImportLineProblem = Static<typeof ImportLineProblem>;

/** One line of a gift card import: a card imported, one already on file, or why it was not. */
export const GiftCardImportLine = Type.Union([
  Type.Object({
    line: Type.Integer(),
    status: Type.Literal('imported'),
    number: Type.String(),
    balance: Money,
  }),
  Type.Object({
    line: Type.Integer(),
    status: Type.Literal('skipped'),
    number: Type.String(),
    reason: Type.String(),
  }),
  Type.Object({
    line: Type.Integer(),
    status: Type.Literal('rejected'),
    code: Type.String(),
    field: Type.Optional(Type.String()),
    reason: Type.String(),
    problems: Type.Array(ImportLineProblem),
  }),
]);
export type GiftCardImportLine = Static<typeof GiftCardImportLine>;

export const GiftCardImportReport = Type.Object({
  imported: Type.Integer(),
  skipped: Type.Integer(),
  rejected: Type.Integer(),
  lines: Type.Array(GiftCardImportLine),
});
export type GiftCardImportReport = Static<typeof GiftCardImportReport>;
