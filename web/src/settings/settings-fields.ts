import { defaultRetentionYears, isRetentionYears, maxRetentionYears } from '@domain/retention.ts';
import { isBirthdayDays, maxBirthdayDays } from '@domain/insights/birthdays.ts';
import {
  isConsentMaxAgeMonths,
  maxConsentMaxAgeMonths,
  minConsentMaxAgeMonths,
} from '@domain/consent-refresh.ts';
import type { ShopSettings, ShopSettingsBody } from '@contract/shop.ts';

/** The settings form as typed: every text field a string, '' meaning never or the default. */
export type SettingsFields = {
  shopName: string;
  defaultCountry: string;
  giftCardExpiryMonths: string;
  storeCreditExpiryMonths: string;
  accountingRetentionYears: string;
  birthdayDays: string;
  consentMaxAgeMonths: string;
  /** A checkbox, so the one field that is not text. */
  allowStaleConsentForSending: boolean;
};
export type SettingsTextField = Exclude<keyof SettingsFields, 'allowStaleConsentForSending'>;

export function settingsToFields(settings: ShopSettings): SettingsFields {
  const text = (value: number | null) => (value === null ? '' : String(value));
  return {
    shopName: settings.shopName,
    defaultCountry: settings.defaultCountry,
    giftCardExpiryMonths: text(settings.giftCardExpiryMonths),
    storeCreditExpiryMonths: text(settings.storeCreditExpiryMonths),
    accountingRetentionYears: text(settings.accountingRetentionYears),
    birthdayDays: String(settings.birthdayDays),
    consentMaxAgeMonths: String(settings.consentMaxAgeMonths),
    allowStaleConsentForSending: settings.allowStaleConsentForSending,
  };
}

type Checked = { ok: true; body: ShopSettingsBody } | { ok: false; field: string; message: string };

/** A whole number from the field, null when empty; undefined when it is not one. */
function wholeOrEmpty(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return /^\d{1,4}$/.test(trimmed) ? Number(trimmed) : undefined;
}

/**
 * The change to send: only the fields that differ from what was loaded. The retention
 * range is the domain's own rule; the months' ranges are left to the server, which
 * names the field.
 */
export function fieldsToChange(fields: SettingsFields, loaded: ShopSettings): Checked {
  const body: ShopSettingsBody = {};
  const numbers = [
    ['giftCardExpiryMonths', 'Gift card expiry must be a whole number of months, or empty'],
    ['storeCreditExpiryMonths', 'Store credit expiry must be a whole number of months, or empty'],
    [
      'accountingRetentionYears',
      `Keep sales for a whole number of years from 1 to ${maxRetentionYears}, or leave it empty for the country's default`,
    ],
  ] as const;
  for (const [key, message] of numbers) {
    const value = wholeOrEmpty(fields[key]);
    const refused =
      value === undefined ||
      (key === 'accountingRetentionYears' && value !== null && !isRetentionYears(value));
    if (refused) return { ok: false, field: key, message };
    if (value !== loaded[key]) body[key] = value;
  }
  // Always a number of days (the setting has a default, not an empty state).
  const days = wholeOrEmpty(fields.birthdayDays);
  if (!isBirthdayDays(days)) {
    return {
      ok: false,
      field: 'birthdayDays',
      message: `Birthdays ahead must be a whole number of days from 1 to ${maxBirthdayDays}`,
    };
  }
  if (days !== loaded.birthdayDays) body.birthdayDays = days;
  const consentMonths = wholeOrEmpty(fields.consentMaxAgeMonths);
  if (!isConsentMaxAgeMonths(consentMonths)) {
    return {
      ok: false,
      field: 'consentMaxAgeMonths',
      message: `Ask consent again after a whole number of months from ${minConsentMaxAgeMonths} to ${maxConsentMaxAgeMonths}`,
    };
  }
  if (consentMonths !== loaded.consentMaxAgeMonths) body.consentMaxAgeMonths = consentMonths;
  if (fields.allowStaleConsentForSending !== loaded.allowStaleConsentForSending) {
    body.allowStaleConsentForSending = fields.allowStaleConsentForSending;
  }
  const name = fields.shopName.trim();
  if (name !== loaded.shopName) body.shopName = name;
  const country = fields.defaultCountry.trim().toUpperCase();
  if (country !== loaded.defaultCountry) body.defaultCountry = country;
  return { ok: true, body };
}

/** What an empty retention field means for the country in the form (or a wrong one). */
export function retentionHint(country: string): string {
  const code = country.trim().toUpperCase();
  const years = defaultRetentionYears(code);
  const where = /^[A-Z]{2}$/.test(code) ? code : 'the shop’s country';
  return `Empty: the default for ${where}, ${years} years (NL 7, NO 5, GB 6, any other country 7).`;
}
