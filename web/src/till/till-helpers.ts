import type { Customer, Duplicate } from '@contract/customers.ts';

/** Where typing belongs to the focused element rather than to the till's search box. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * What was searched for carries over to the new-customer form: words as the name, digits
 * as the phone ("smith 07911 123456"); a phone's last four digits ("4821 smith") are no phone.
 */
export function prefillFrom(text: string): { name: string; phone: string } {
  const groups = text
    .trim()
    .split(/\s+/)
    .filter((group) => group !== '');
  const isDigits = (group: string) => /^[+(\d][\d()-]*$/.test(group);
  const digits = groups.filter(isDigits).join(' ');
  const name = groups.filter((group) => !isDigits(group)).join(' ');
  return { name, phone: digits.replace(/\D/g, '').length >= 7 ? digits : '' };
}

/**
 * The confirmation after creating a customer. Their customer number is what the printed
 * customer card carries; a pre-printed card, when one was linked, has its own number.
 */
export function createdNote(customer: Customer, duplicates: readonly Duplicate[]): string {
  const card = customer.cards.find((c) => c.status === 'active');
  const parts = [
    `Created ${customer.name}.`,
    card !== undefined
      ? `Card number ${card.number}.`
      : `Card number ${customer.number} (their customer number; print the card from the profile).`,
  ];
  for (const d of duplicates) {
    parts.push(`Note: this ${d.matchedOn} also belongs to ${d.name} (${d.number}).`);
  }
  return parts.join(' ');
}
