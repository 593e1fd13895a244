import type { Address, ContactDetails } from '../../domain/contact-details.ts';
import { phoneEnding } from '../../domain/contact-details.ts';
import type { CustomerChanges, Preferences } from '../../domain/customer.ts';
import { emptyPreferences } from '../../domain/customer.ts';
import { monthDayOf } from '../../domain/insights/birthdays.ts';
import { nameTerms, searchableName } from '../../domain/names.ts';
import type { NewCustomerRecord, SealedContacts } from '../../store/customers.ts';
import { newId } from '../../store/ids.ts';
import type { LookupKind } from '../../store/schema.ts';
import type { ContactVault } from '../platform/contact-vault.ts';

/** Encrypts each present field under the customer's data key (a new one unless given). */
export function sealContacts({
  vault,
  contacts,
  existing,
}: {
  vault: ContactVault;
  contacts: ContactDetails;
  existing?: { wrappedKey: Buffer };
}): SealedContacts {
  const { key, wrapped } = existing
    ? { key: vault.unwrapDataKey(existing.wrappedKey), wrapped: existing.wrappedKey }
    : vault.newDataKey();
  const seal = (field: string, value: string | null) =>
    value === null ? null : vault.seal(key, field, value);
  return {
    wrappedKey: wrapped,
    phone: seal('phone', contacts.phone),
    email: seal('email', contacts.email),
    address: seal('address', contacts.address ? JSON.stringify(contacts.address) : null),
    birthday: seal('birthday', contacts.birthday),
  };
}

export function openContacts(
  vault: ContactVault,
  sealed: SealedContacts | undefined,
): ContactDetails {
  if (!sealed) return { phone: null, email: null, address: null, birthday: null };
  const key = vault.unwrapDataKey(sealed.wrappedKey);
  const open = (field: string, value: Buffer | null) =>
    value === null ? null : vault.open(key, field, value);
  const address = open('address', sealed.address);
  return {
    phone: open('phone', sealed.phone),
    email: open('email', sealed.email),
    address: address === null ? null : (JSON.parse(address) as Address),
    birthday: open('birthday', sealed.birthday),
  };
}

export const contactLookupKinds: LookupKind[] = ['phone', 'phone_ending', 'email', 'birthday_md'];

/**
 * Blind-index entries for exact phone, phone-ending and email look-ups, and the
 * birthday's month and day ('birthday_md'): the birthdays-ahead list looks up the coming
 * month-days' digests, so no birth date is ever written in clear.
 */
export function contactLookups(
  vault: ContactVault,
  contacts: Pick<ContactDetails, 'phone' | 'email'> & { birthday?: string | null },
): { kind: LookupKind; digest: Buffer }[] {
  const lookups: { kind: LookupKind; digest: Buffer }[] = [];
  if (contacts.phone) {
    lookups.push({ kind: 'phone', digest: vault.blindIndex('phone', contacts.phone) });
    lookups.push({
      kind: 'phone_ending',
      digest: vault.blindIndex('phone_ending', phoneEnding(contacts.phone)),
    });
  }
  if (contacts.email)
    lookups.push({ kind: 'email', digest: vault.blindIndex('email', contacts.email) });
  if (contacts.birthday) lookups.push(birthdayLookup(vault, monthDayOf(contacts.birthday)));
  return lookups;
}

/** The blind index of a month and day ('MM-DD'), as written for each birthday. */
export function birthdayLookup(
  vault: ContactVault,
  monthDay: string,
): { kind: 'birthday_md'; digest: Buffer } {
  return { kind: 'birthday_md', digest: vault.blindIndex('birthday_md', monthDay) };
}

export function hasAnyContact(contacts: ContactDetails): boolean {
  return Object.values(contacts).some((value) => value !== null);
}

/** Builds everything a new customer writes, encryption included, outside any transaction. */
export function prepareNewCustomer(
  vault: ContactVault,
  input: {
    changes: CustomerChanges & { name: string };
    number: string;
    createdByStaffId: string | null;
    createdOutletId: string | null;
    at: Date;
  },
): NewCustomerRecord {
  const contacts: ContactDetails = {
    phone: input.changes.phone ?? null,
    email: input.changes.email ?? null,
    address: input.changes.address ?? null,
    birthday: input.changes.birthday ?? null,
  };
  const preferences: Preferences = input.changes.preferences ?? { ...emptyPreferences };
  return {
    id: newId(input.at.getTime()),
    number: input.number,
    name: input.changes.name,
    searchName: searchableName(input.changes.name),
    terms: nameTerms(input.changes.name),
    preferences,
    notes: input.changes.notes ?? null,
    createdByStaffId: input.createdByStaffId,
    createdOutletId: input.createdOutletId,
    createdAt: input.at,
    contacts: hasAnyContact(contacts) ? sealContacts({ vault, contacts }) : null,
    lookups: contactLookups(vault, contacts),
  };
}
