import type { ContactDetails } from './contact-details.ts';

/**
 * What staff see of contact details without revealing them: enough to confirm
 * "is your number still the one ending 67?", never enough to contact anyone.
 * The keys deliberately avoid the names phone/email/address/birthday, so a response
 * shaped for a cashier has no contact field at all.
 */
export type ContactMask = {
  maskedPhone: string | null;
  maskedEmail: string | null;
  hasAddress: boolean;
  hasBirthday: boolean;
};

export function maskPhone(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  return `••• ••• ••${digits.slice(-2)}`;
}

export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  const dot = domain.lastIndexOf('.');
  const tld = dot >= 0 ? domain.slice(dot) : '';
  return `${local.slice(0, 1)}•••@${domain.slice(0, 1)}•••${tld}`;
}

export function maskContacts(contacts: ContactDetails): ContactMask {
  return {
    maskedPhone: contacts.phone ? maskPhone(contacts.phone) : null,
    maskedEmail: contacts.email ? maskEmail(contacts.email) : null,
    hasAddress: contacts.address !== null,
    hasBirthday: contacts.birthday !== null,
  };
}
