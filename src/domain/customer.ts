import {
  normaliseAddress,
  normaliseBirthday,
  normaliseEmail,
  normalisePhone,
  type Address,
  type AddressInput,
} from './contact-details.ts';
import { normaliseDisplayName } from './names.ts';
import { invalid, ok, type Result } from './result.ts';

export const customerStatuses = ['active', 'merged', 'erased'] as const;
export type CustomerStatus = (typeof customerStatuses)[number];

/** A customer card works until it is reported lost (and replaced by a new one). */
/** What a line of a customer's change history records. */
export const customerChangeKinds = [
  'created',
  'updated',
  'merged',
  'card_linked',
  'card_replaced',
  'consent_given',
  'consent_withdrawn',
  'profiling_objection',
  'erased',
] as const;
export type CustomerChangeKind = (typeof customerChangeKinds)[number];

/** The contact details a possible duplicate shares with the customer being entered. */
export const duplicateMatchFields = ['phone', 'email'] as const;
export type DuplicateMatchField = (typeof duplicateMatchFields)[number];

export const customerCardStatuses = ['active', 'lost'] as const;
export type CustomerCardStatus = (typeof customerCardStatuses)[number];

export type Preferences = { sizes: string[]; brands: string[]; interests: string[] };
export const emptyPreferences: Preferences = Object.freeze({
  sizes: [],
  brands: [],
  interests: [],
});

/** Raw input for a create or an edit, as it arrives from a form, the API or a CSV line. */
export type CustomerInput = {
  name?: string;
  phone?: string | null;
  email?: string | null;
  address?: AddressInput | null;
  birthday?: string | null;
  preferences?: Partial<Record<keyof Preferences, unknown>>;
  notes?: string | null;
};

/** A validated change: a key that is absent is left alone, null clears the field. */
export type CustomerChanges = {
  name?: string;
  phone?: string | null;
  email?: string | null;
  address?: Address | null;
  birthday?: string | null;
  preferences?: Preferences;
  notes?: string | null;
};

export type ValidationContext = { defaultCountry: string; today: string };

const maxNotesLength = 2000;
const maxPreferenceItems = 30;

function normaliseList(value: unknown, field: string): Result<string[]> {
  if (value === undefined || value === null) return ok([]);
  const items = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(items)) return invalid(field, `${field} must be a list of words`);
  const cleaned: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string') return invalid(field, `${field} must contain only text`);
    const text = item.trim().replace(/\s+/g, ' ');
    if (text.length > 60) return invalid(field, `${field} items must be at most 60 characters`);
    if (text !== '' && !cleaned.includes(text)) cleaned.push(text);
  }
  if (cleaned.length > maxPreferenceItems) {
    return invalid(field, `${field} may hold at most ${maxPreferenceItems} items`);
  }
  return ok(cleaned);
}

export function normalisePreferences(
  input: Partial<Record<keyof Preferences, unknown>>,
): Result<Preferences> {
  const sizes = normaliseList(input.sizes, 'preferences.sizes');
  if (!sizes.ok) return sizes;
  const brands = normaliseList(input.brands, 'preferences.brands');
  if (!brands.ok) return brands;
  const interests = normaliseList(input.interests, 'preferences.interests');
  if (!interests.ok) return interests;
  return ok({ sizes: sizes.value, brands: brands.value, interests: interests.value });
}

function optional<T>(
  value: T | null | undefined,
  normalise: (present: T) => Result<unknown>,
): Result<unknown> | undefined {
  if (value === undefined) return undefined;
  if (value === null || (typeof value === 'string' && value.trim() === '')) return ok(null);
  return normalise(value);
}

/**
 * Validates the fields present in `input`. Used for both create (where `name` is then
 * required by `validateNewCustomer`) and edit. The first problem found is returned, naming
 * its field.
 */
export function validateCustomerChanges(
  input: CustomerInput,
  context: ValidationContext,
): Result<CustomerChanges> {
  const changes: CustomerChanges = {};
  if (input.name !== undefined) {
    const name = normaliseDisplayName(input.name);
    if (!name.ok) return name;
    changes.name = name.value;
  }
  const checks: [keyof CustomerChanges, Result<unknown> | undefined][] = [
    ['phone', optional(input.phone, (v) => normalisePhone(v, context.defaultCountry))],
    ['email', optional(input.email, (v) => normaliseEmail(v))],
    ['address', optional(input.address, (v) => normaliseAddress(v))],
    ['birthday', optional(input.birthday, (v) => normaliseBirthday(v, context.today))],
    [
      'notes',
      optional(input.notes, (v) =>
        v.length > maxNotesLength
          ? invalid('notes', `notes must be at most ${maxNotesLength} characters`)
          : ok(v.trim()),
      ),
    ],
    [
      'preferences',
      input.preferences === undefined ? undefined : normalisePreferences(input.preferences),
    ],
  ];
  for (const [field, result] of checks) {
    if (result === undefined) continue;
    if (!result.ok) return result;
    Object.assign(changes, { [field]: result.value });
  }
  return ok(changes);
}

export function validateNewCustomer(
  input: CustomerInput,
  context: ValidationContext,
): Result<CustomerChanges & { name: string }> {
  if (input.name === undefined) return invalid('name', 'name is required');
  const changes = validateCustomerChanges(input, context);
  if (!changes.ok) return changes;
  return ok({ ...changes.value, name: changes.value.name ?? input.name });
}
