import { joinList, splitList } from '../common/format.ts';
import type { Address, Customer, CustomerChangeBody } from '@contract/customers.ts';
import type { Contacts } from '../api.ts';

/** A contact field in the edit form. Its current value is unknown unless it was revealed. */
export type ContactText = { value: string; cleared: boolean };

export type AddressFields = {
  line1: string;
  line2: string;
  city: string;
  postcode: string;
  country: string;
};

export type ProfileFields = {
  name: string;
  notes: string;
  sizes: string;
  brands: string;
  interests: string;
  phone: ContactText;
  email: ContactText;
  birthday: ContactText;
  address: AddressFields;
  addressCleared: boolean;
};

const emptyAddress: AddressFields = { line1: '', line2: '', city: '', postcode: '', country: '' };

function addressFields(address: Address | null | undefined): AddressFields {
  if (address === null || address === undefined) return emptyAddress;
  return { ...address, line2: address.line2 ?? '' };
}

/** The form as it opens: contact fields hold the revealed values, or stay blank. */
export function initialFields(customer: Customer, known: Contacts | null): ProfileFields {
  const text = (value: string | null | undefined): ContactText => ({
    value: value ?? '',
    cleared: false,
  });
  return {
    name: customer.name,
    notes: customer.notes ?? '',
    sizes: joinList(customer.preferences.sizes),
    brands: joinList(customer.preferences.brands),
    interests: joinList(customer.preferences.interests),
    phone: text(known?.phone),
    email: text(known?.email),
    birthday: text(known?.birthday),
    address: addressFields(known?.address),
    addressCleared: false,
  };
}

/**
 * Only what changed goes into the PATCH. A contact field left as it opened sends nothing (the
 * server keeps what it has, which this form may never have seen); an explicit Clear, or
 * emptying a revealed value, sends null.
 */
function contactChange(field: ContactText, initial: string): string | null | undefined {
  if (field.cleared) return null;
  const value = field.value.trim();
  if (value === initial.trim()) return undefined;
  return value === '' ? null : value;
}

function addressChange(
  fields: ProfileFields,
  initial: AddressFields,
  defaultCountry: string,
): Address | null | undefined {
  if (fields.addressCleared) return null;
  const a = fields.address;
  const keys = Object.keys(emptyAddress) as (keyof AddressFields)[];
  if (keys.every((key) => a[key].trim() === initial[key].trim())) return undefined;
  const filled = keys.filter((key) => key !== 'country' && a[key].trim() !== '');
  if (filled.length === 0) return keys.some((key) => initial[key] !== '') ? null : undefined;
  const line2 = a.line2.trim();
  return {
    line1: a.line1.trim(),
    ...(line2 === '' ? {} : { line2 }),
    city: a.city.trim(),
    postcode: a.postcode.trim(),
    country: a.country.trim() || defaultCountry,
  };
}

export function buildPatch(input: {
  customer: Customer;
  known: Contacts | null;
  fields: ProfileFields;
  defaultCountry: string;
}): CustomerChangeBody {
  const { customer, known, fields } = input;
  const patch: CustomerChangeBody = {};
  const name = fields.name.trim();
  if (name !== customer.name) patch.name = name;
  const notes = fields.notes.trim();
  if (notes !== (customer.notes ?? '')) patch.notes = notes;

  const preferences = {
    sizes: splitList(fields.sizes),
    brands: splitList(fields.brands),
    interests: splitList(fields.interests),
  };
  const current = customer.preferences;
  const same = (a: string[], b: readonly string[] | undefined) => joinList(a) === joinList(b);
  if (
    !same(preferences.sizes, current.sizes) ||
    !same(preferences.brands, current.brands) ||
    !same(preferences.interests, current.interests)
  ) {
    patch.preferences = preferences;
  }

  const phone = contactChange(fields.phone, known?.phone ?? '');
  if (phone !== undefined) patch.phone = phone;
  const email = contactChange(fields.email, known?.email ?? '');
  if (email !== undefined) patch.email = email;
  const birthday = contactChange(fields.birthday, known?.birthday ?? '');
  if (birthday !== undefined) patch.birthday = birthday;
  const address = addressChange(fields, addressFields(known?.address), input.defaultCountry);
  if (address !== undefined) patch.address = address;
  return patch;
}
