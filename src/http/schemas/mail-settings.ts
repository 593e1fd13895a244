import { Type, type Static } from 'typebox';
import {
  maxSendRatePerSecond,
  maxUnsubscribeLinkDays,
  minUnsubscribeLinkDays,
} from '../../domain/mail-settings.ts';
import { Identifier, Nullable, Password } from './platform.ts';

/**
 * Campaign mail settings (Settings page): the public base URL unsubscribe links start
 * with, how long they work, and the SMTP server. The SMTP password goes in, never out:
 * answers say only whether one is set.
 */
export const SmtpSettingsView = Type.Object({
  host: Type.String(),
  port: Type.Integer(),
  secure: Type.Boolean(),
  user: Nullable(Type.String()),
  from: Type.String(),
  ratePerSecond: Type.Integer(),
  passwordSet: Type.Boolean(),
});
export type SmtpSettingsView = Static<typeof SmtpSettingsView>;

export const MailSettings = Type.Object({
  publicBaseUrl: Nullable(Type.String()),
  unsubscribeLinkDays: Type.Integer(),
  smtp: Nullable(SmtpSettingsView),
});
export type MailSettings = Static<typeof MailSettings>;

export const MailSettingsAnswer = Type.Object({ mail: MailSettings });
export type MailSettingsAnswer = Static<typeof MailSettingsAnswer>;

export const SmtpSettingsBody = Type.Object(
  {
    host: Identifier({ maxLength: 253 }),
    port: Type.Integer({ minimum: 1, maximum: 65535 }),
    secure: Type.Boolean(),
    user: Nullable(Identifier({ maxLength: 200 })),
    /** Left out: keep the stored password; null: none. */
    password: Type.Optional(Nullable(Password({ maxLength: 500 }))),
    from: Type.String({ maxLength: 300 }),
    ratePerSecond: Type.Integer({ minimum: 1, maximum: maxSendRatePerSecond }),
  },
  { additionalProperties: false },
);
export type SmtpSettingsBody = Static<typeof SmtpSettingsBody>;

export const MailSettingsBody = Type.Object(
  {
    publicBaseUrl: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
    unsubscribeLinkDays: Type.Optional(
      Type.Integer({ minimum: minUnsubscribeLinkDays, maximum: maxUnsubscribeLinkDays }),
    ),
    smtp: Type.Optional(Nullable(SmtpSettingsBody)),
  },
  { additionalProperties: false },
);
export type MailSettingsBody = Static<typeof MailSettingsBody>;
