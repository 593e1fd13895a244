import {
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js/max';
import { invalid, ok, type Result } from './result.ts';

/**
 * Contact details are personal data: they are normalised here, encrypted by the
 * services before storage, and shown to staff only as masks unless revealed.
 */
export type Address = {
  line1: string;
  line2?: string;
  city: string;
  postcode: string;
  country: string;
};

export type ContactDetails = {
  phone: string | null;
  email: string | null;
  address: Address | null;
  birthday: string | null;
};

/** A country the phone-number rules know, e.g. `GB`, `NO`, `US`. */
export function isCountryCode(value: string): value is CountryCode {
  return isSupportedCountry(value);
}

/** Phone numbers are stored in E.164; a national number is read in the shop's default country. */
export function normalisePhone(
  input: string,
  defaultCountry: string,
  field = 'phone',
): Result<string> {
  const trimmed = input.trim();
  if (trimmed === '') return invalid(field, `${field} must not be empty`);
  if (!/^[+\d\s().-]+$/.test(trimmed)) {
    return invalid(field, `${field} may contain only digits, spaces, +, -, ( and )`);
  }
  const parsed = parsePhoneNumberFromString(
    trimmed,
    isCountryCode(defaultCountry) ? defaultCountry : undefined,
  );
  if (!parsed || !parsed.isValid()) {
    return invalid(
      field,
      `${field} is not a valid phone number for ${defaultCountry} or in +country form`,
    );
  }
  return ok(parsed.number);
}

const emailShape = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** Emails are compared case-insensitively, so they are stored lower-cased and trimmed. */
export function normaliseEmail(input: string, field = 'email'): Result<string> {
  const email = input.trim().toLowerCase();
  if (email.length > 254) return invalid(field, `${field} must be at most 254 characters`);
  if (!emailShape.test(email)) return invalid(field, `${field} is not a valid email address`);
  return ok(email);
}

/** A birthday is a calendar date, not in the future, after 1900. */
export function normaliseBirthday(
  input: string,
  today: string,
  field = 'birthday',
): Result<string> {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input.trim());
  if (!match) return invalid(field, `${field} must be a date written YYYY-MM-DD`);
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return invalid(field, `${field} is not a real calendar date`);
  }
  if (year < 1900) return invalid(field, `${field} must be after 1900`);
  const value = input.trim();
  if (value > today) return invalid(field, `${field} must not be in the future`);
  return ok(value);
}

export type AddressInput = {
  line1?: unknown;
  line2?: unknown;
  city?: unknown;
  postcode?: unknown;
  country?: unknown;
};

function requiredText(value: unknown, field: string, max: number): Result<string> {
  if (typeof value !== 'string' || value.trim() === '')
    return invalid(field, `${field} is required`);
  if (value.trim().length > max)
    return invalid(field, `${field} must be at most ${max} characters`);
  return ok(value.trim().replace(/\s+/g, ' '));
}

export function normaliseAddress(input: AddressInput, field = 'address'): Result<Address> {
  const line1 = requiredText(input.line1, `${field}.line1`, 200);
  if (!line1.ok) return line1;
  const city = requiredText(input.city, `${field}.city`, 100);
  if (!city.ok) return city;
  const postcode = requiredText(input.postcode, `${field}.postcode`, 20);
  if (!postcode.ok) return postcode;
  const country = requiredText(input.country, `${field}.country`, 2);
  if (!country.ok) return country;
  if (!/^[A-Za-z]{2}$/.test(country.value)) {
    return invalid(`${field}.country`, `${field}.country must be a two-letter ISO country code`);
  }
  const address: Address = {
    line1: line1.value,
    city: city.value,
    postcode: postcode.value.toUpperCase(),
    country: country.value.toUpperCase(),
  };
  if (input.line2 !== undefined && input.line2 !== null && input.line2 !== '') {
    const line2 = requiredText(input.line2, `${field}.line2`, 200);
    if (!line2.ok) return line2;
    address.line2 = line2.value;
  }
  return ok(address);
}

/** The last digits of a phone, used for the blind index that finds "the one ending 4567". */
export function phoneEnding(e164: string, digits = 4): string {
  return e164.replace(/\D/g, '').slice(-digits);
}
