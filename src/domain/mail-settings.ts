import { invalid, ok, type Result } from './result.ts';

/**
 * The shop's outgoing mail: where campaign links point (publicBaseUrl) and the SMTP
 * server that sends. One rule for the server's settings check and the Settings form.
 */

const mailbox = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** `receipts@shop.example` or `Shop <receipts@shop.example>`. */
export function isSenderAddress(value: string): boolean {
  const named = /^[^<>]*<([^<>]+)>$/.exec(value);
  return mailbox.test(named ? (named[1] ?? '').trim() : value);
}

const localHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The address customers reach the shop's server on, as unsubscribe links start with it:
 * https (mail clients act on one-click unsubscribe only over HTTPS, RFC 8058), or http for
 * a server on this machine while trying things out. No query or fragment: paths are added.
 * Gives it back without a trailing slash.
 */
export function checkPublicBaseUrl(value: string, field = 'publicBaseUrl'): Result<string> {
  const trimmed = value.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return invalid(field, `${field} must be a full address such as https://shop.example`);
  }
  const local = localHosts.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    return invalid(field, `${field} must start with https:// (http:// only for localhost)`);
  }
  if (url.search || url.hash || trimmed.includes('?') || trimmed.includes('#')) {
    return invalid(field, `${field} must not have a ?query or #fragment`);
  }
  if (url.username || url.password) {
    return invalid(field, `${field} must not hold a user name or password`);
  }
  if (trimmed.length > 300) return invalid(field, `${field} must be at most 300 characters`);
  return ok(url.href.replace(/\/+$/, ''));
}

export const maxSendRatePerSecond = 500;

export type SmtpSettingsInput = {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  /** In a change: a new password, null for none, or undefined to keep the stored one. */
  password?: string | null;
  from: string;
  ratePerSecond: number;
};

const hostShape = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)$/;

/**
 * Checks SMTP settings field by field. `passwordStored` says whether a password is kept
 * already, so a change that leaves the password out still has one to sign in with.
 */
export function checkSmtpSettings(
  input: SmtpSettingsInput,
  options: { passwordStored: boolean; field?: string } = { passwordStored: false },
): Result<SmtpSettingsInput> {
  const at = (name: string) => `${options.field ?? 'smtp'}.${name}`;
  const host = input.host.trim();
  if (!hostShape.test(host))
    return invalid(at('host'), `${at('host')} must be a host name such as smtp.example.com`);
  if (!Number.isInteger(input.port) || input.port < 1 || input.port > 65535) {
    return invalid(at('port'), `${at('port')} must be a whole number from 1 to 65535`);
  }
  const user = input.user?.trim() || null;
  if (user !== null && user.length > 200)
    return invalid(at('user'), `${at('user')} must be at most 200 characters`);
  if (
    typeof input.password === 'string' &&
    (input.password === '' || input.password.length > 500)
  ) {
    return invalid(at('password'), `${at('password')} must be 1 to 500 characters (null for none)`);
  }
  const hasPassword =
    typeof input.password === 'string' ||
    (input.password === undefined && options.passwordStored && user !== null);
  if ((user === null) !== !hasPassword) {
    return invalid(
      at('password'),
      `${at('user')} and ${at('password')} go together (or neither, for no sign-in)`,
    );
  }
  const from = input.from.trim();
  if (!isSenderAddress(from)) {
    return invalid(
      at('from'),
      `${at('from')} must be an address such as news@shop.example or "Shop <news@shop.example>"`,
    );
  }
  if (
    !Number.isInteger(input.ratePerSecond) ||
    input.ratePerSecond < 1 ||
    input.ratePerSecond > maxSendRatePerSecond
  ) {
    return invalid(
      at('ratePerSecond'),
      `${at('ratePerSecond')} must be a whole number of messages from 1 to ${maxSendRatePerSecond}`,
    );
  }
  return ok({ ...input, host, user, from });
}

/** Unsubscribe links keep working this long (a year unless the shop says otherwise). */
export const defaultUnsubscribeLinkDays = 365;
export const minUnsubscribeLinkDays = 30;
export const maxUnsubscribeLinkDays = 3650;

export function isUnsubscribeLinkDays(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= minUnsubscribeLinkDays &&
    value <= maxUnsubscribeLinkDays
  );
}

export type MailSettingsChange = {
  publicBaseUrl?: string | null;
  unsubscribeLinkDays?: number;
  smtp?: SmtpSettingsInput | null;
};

/**
 * A change to the mail settings, checked and tidied (URL without trailing slash, trimmed
 * SMTP fields), or the first field at fault. null removes a setting.
 */
export function checkMailSettingsChange(
  change: MailSettingsChange,
  options: { passwordStored: boolean },
): Result<MailSettingsChange> {
  const checked: MailSettingsChange = { ...change };
  if (typeof change.publicBaseUrl === 'string') {
    const url = checkPublicBaseUrl(change.publicBaseUrl);
    if (!url.ok) return url;
    checked.publicBaseUrl = url.value;
  }
  if (
    change.unsubscribeLinkDays !== undefined &&
    !isUnsubscribeLinkDays(change.unsubscribeLinkDays)
  ) {
    return invalid(
      'unsubscribeLinkDays',
      `unsubscribeLinkDays must be a whole number of days from ${minUnsubscribeLinkDays} to ${maxUnsubscribeLinkDays}`,
    );
  }
  if (change.smtp) {
    const smtp = checkSmtpSettings(change.smtp, options);
    if (!smtp.ok) return smtp;
    checked.smtp = smtp.value;
  }
  return ok(checked);
}
