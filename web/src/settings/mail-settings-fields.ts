import { checkMailSettingsChange, type MailSettingsChange } from '@domain/mail-settings.ts';
import type { MailSettings, MailSettingsBody } from '@contract/mail-settings.ts';

/**
 * The campaign mail form as typed: strings, one checkbox. An empty host means "no SMTP
 * server"; an empty password box keeps the stored password (it is never sent back to us).
 */
export type MailFields = {
  publicBaseUrl: string;
  unsubscribeLinkDays: string;
  host: string;
  port: string;
  secure: boolean;
  user: string;
  password: string;
  /** Ticked: remove the stored password (sign in without one). */
  clearPassword: boolean;
  from: string;
  ratePerSecond: string;
};
export type MailTextField = Exclude<keyof MailFields, 'secure' | 'clearPassword'>;

export function mailToFields(mail: MailSettings): MailFields {
  const smtp = mail.smtp;
  return {
    publicBaseUrl: mail.publicBaseUrl ?? '',
    unsubscribeLinkDays: String(mail.unsubscribeLinkDays),
    host: smtp?.host ?? '',
    port: smtp ? String(smtp.port) : '587',
    secure: smtp?.secure ?? false,
    user: smtp?.user ?? '',
    password: '',
    clearPassword: false,
    from: smtp?.from ?? '',
    ratePerSecond: smtp ? String(smtp.ratePerSecond) : '10',
  };
}

type Checked = { ok: true; body: MailSettingsBody } | { ok: false; field: string; message: string };

function whole(text: string): number {
  return /^\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
}

function smtpOf(fields: MailFields): MailSettingsChange['smtp'] {
  if (fields.host.trim() === '') return null;
  const user = fields.user.trim() || null;
  const password =
    user === null || fields.clearPassword
      ? null
      : fields.password === ''
        ? undefined
        : fields.password;
  return {
    host: fields.host.trim(),
    port: whole(fields.port),
    secure: fields.secure,
    user,
    ...(password === undefined ? {} : { password }),
    from: fields.from.trim(),
    ratePerSecond: whole(fields.ratePerSecond),
  };
}

/**
 * The change to send, checked by the same domain rule the server applies, so the form
 * names the field before a round trip. Only what differs from what was loaded is sent
 * (the SMTP server as a whole when any part of it changed).
 */
export function fieldsToMailChange(fields: MailFields, loaded: MailSettings): Checked {
  const url = fields.publicBaseUrl.trim();
  const change: MailSettingsChange = {
    publicBaseUrl: url === '' ? null : url,
    unsubscribeLinkDays: whole(fields.unsubscribeLinkDays),
    smtp: smtpOf(fields),
  };
  const checked = checkMailSettingsChange(change, {
    passwordStored: loaded.smtp?.passwordSet ?? false,
  });
  if (!checked.ok) return { ok: false, field: checked.field ?? '', message: checked.message };
  const { publicBaseUrl, unsubscribeLinkDays, smtp } = checked.value;
  const body: MailSettingsBody = {};
  if (publicBaseUrl !== undefined && publicBaseUrl !== loaded.publicBaseUrl)
    body.publicBaseUrl = publicBaseUrl;
  if (unsubscribeLinkDays !== undefined && unsubscribeLinkDays !== loaded.unsubscribeLinkDays) {
    body.unsubscribeLinkDays = unsubscribeLinkDays;
  }
  if (smtp !== undefined && smtpChanged(smtp, loaded.smtp)) body.smtp = smtp;
  return { ok: true, body };
}

function smtpChanged(
  next: NonNullable<MailSettingsChange['smtp']> | null,
  was: MailSettings['smtp'],
): boolean {
  if (next === null || was === null) return next !== was;
  if (next.password !== undefined) return true;
  return (['host', 'port', 'secure', 'user', 'from', 'ratePerSecond'] as const).some(
    (key) => next[key] !== was[key],
  );
}
