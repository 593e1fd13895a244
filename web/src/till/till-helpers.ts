import type { Customer, Duplicate } from '../types.ts';

/** Where typing belongs to the focused element rather than to the till's search box. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** What was searched for carries over to the new-customer form: digits as phone, else name. */
export function prefillFrom(text: string): { name: string; phone: string } {
  const value = text.trim();
  if (value === '') return { name: '', phone: '' };
  return /^[+\d][\d\s()-]*$/.test(value) ? { name: '', phone: value } : { name: value, phone: '' };
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
