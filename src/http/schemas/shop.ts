import { Type, type Static } from 'typebox';
import { maxRetentionYears, minRetentionYears } from '../../domain/retention.ts';
import { maxBirthdayDays } from '../../domain/insights/birthdays.ts';
import { maxConsentMaxAgeMonths, minConsentMaxAgeMonths } from '../../domain/consent-refresh.ts';
import { pricingModes } from '../../domain/sales.ts';
import { Identifier, Money, Months, Nullable, Password, StringEnum } from './platform.ts';

/** The shop: its settings, outlets and registers, and the first-run set-up. */

/** Whether an outlet's prices include tax or have it added. */
export const PricingMode = StringEnum(pricingModes);
export type PricingMode = Static<typeof PricingMode>;

export const ShopSettings = Type.Object({
  shopName: Type.String(),
  defaultCountry: Type.String(),
  giftCardExpiryMonths: Type.Union([Type.Integer(), Type.Null()]),
  storeCreditExpiryMonths: Type.Union([Type.Integer(), Type.Null()]),
  /** null: the default for defaultCountry (domain retentionYears gives the period in force). */
  accountingRetentionYears: Type.Union([Type.Integer(), Type.Null()]),
  /** Insights' "birthdays in the next N days" (default 14). */
  birthdayDays: Type.Integer(),
  /** Consent older than this is stale and asked again at the till (default 24). */
  consentMaxAgeMonths: Type.Integer(),
  /** Whether stale consent may be used for sending until refreshed (default false). */
  allowStaleConsentForSending: Type.Boolean(),
});
export type ShopSettings = Static<typeof ShopSettings>;

export const ShopSettingsAnswer = Type.Object({ settings: ShopSettings });
export type ShopSettingsAnswer = Static<typeof ShopSettingsAnswer>;

export const ShopSettingsBody = Type.Object(
  {
    shopName: Type.Optional(Type.String({ maxLength: 80 })),
    defaultCountry: Type.Optional(Type.String({ maxLength: 2 })),
    giftCardExpiryMonths: Type.Optional(Nullable(Months)),
    storeCreditExpiryMonths: Type.Optional(Nullable(Months)),
    accountingRetentionYears: Type.Optional(
      Nullable(Type.Integer({ minimum: minRetentionYears, maximum: maxRetentionYears })),
    ),
    birthdayDays: Type.Optional(Type.Integer({ minimum: 1, maximum: maxBirthdayDays })),
    consentMaxAgeMonths: Type.Optional(
      Type.Integer({ minimum: minConsentMaxAgeMonths, maximum: maxConsentMaxAgeMonths }),
    ),
    allowStaleConsentForSending: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ShopSettingsBody = Static<typeof ShopSettingsBody>;

export const Register = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
});
export type Register = Static<typeof Register>;

export const Outlet = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  currency: Type.String(),
  timeZone: Type.String(),
  pricingMode: PricingMode,
  receiptHeader: Type.String(),
  noReceiptReturnLimit: Type.Integer(),
  settings: Type.Object({
    promptForCustomer: Type.Optional(Type.Boolean()),
    customerNameOnReceipt: Type.Optional(Type.Boolean()),
  }),
});
export type Outlet = Static<typeof Outlet>;

export const OutletAnswer = Type.Object({ outlet: Outlet });
export type OutletAnswer = Static<typeof OutletAnswer>;

export const OutletList = Type.Object({
  outlets: Type.Array(Type.Object({ ...Outlet.properties, registers: Type.Array(Register) })),
});
export type OutletList = Static<typeof OutletList>;

export const OutletChangeBody = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 80 })),
    timeZone: Type.Optional(Type.String({ maxLength: 60 })),
    pricingMode: Type.Optional(PricingMode),
    receiptHeader: Type.Optional(Type.String({ maxLength: 500 })),
    noReceiptReturnLimit: Type.Optional(Money),
    settings: Type.Optional(
      Type.Object(
        {
          promptForCustomer: Type.Optional(Type.Boolean()),
          customerNameOnReceipt: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type OutletChangeBody = Static<typeof OutletChangeBody>;

export const NewOutletBody = Type.Object(
  {
    code: Type.String({ maxLength: 10 }),
    name: Type.String({ maxLength: 80 }),
    currency: Type.String({ maxLength: 3 }),
    timeZone: Type.String({ maxLength: 60 }),
  },
  { additionalProperties: false },
);
export type NewOutletBody = Static<typeof NewOutletBody>;

export const NewRegisterBody = Type.Object(
  { code: Type.String({ maxLength: 20 }), name: Type.String({ maxLength: 80 }) },
  { additionalProperties: false },
);
export type NewRegisterBody = Static<typeof NewRegisterBody>;

export const RegisterAnswer = Type.Object({ register: Register });
export type RegisterAnswer = Static<typeof RegisterAnswer>;

/** A register a till may sign in at, with its outlet: public, so names only. */
export const SignInRegister = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  outletId: Type.String(),
  outletName: Type.String(),
});
export type SignInRegister = Static<typeof SignInRegister>;

export const SignInRegisters = Type.Object({ registers: Type.Array(SignInRegister) });
export type SignInRegisters = Static<typeof SignInRegisters>;

export const SetupNeeded = Type.Object({ needed: Type.Boolean() });
export type SetupNeeded = Static<typeof SetupNeeded>;

export const SetupBody = Type.Object(
  {
    admin: Type.Object(
      {
        username: Type.String({ maxLength: 40 }),
        displayName: Type.String({ maxLength: 80 }),
        password: Password({ maxLength: 200 }),
        pin: Password({ maxLength: 8 }),
      },
      { additionalProperties: false },
    ),
    shop: Type.Object(
      { name: Type.String({ maxLength: 80 }), country: Type.String({ maxLength: 2 }) },
      { additionalProperties: false },
    ),
    outlet: Type.Object(
      {
        code: Identifier({ maxLength: 10 }),
        name: Type.String({ maxLength: 80 }),
        currency: Type.String({ maxLength: 3 }),
        timeZone: Type.String({ maxLength: 60 }),
        pricingMode: Type.Optional(PricingMode),
      },
      { additionalProperties: false },
    ),
    register: Type.Object(
      { code: Identifier({ maxLength: 20 }), name: Type.String({ maxLength: 80 }) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type SetupBody = Static<typeof SetupBody>;
