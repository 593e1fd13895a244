import type { CustomerChangeKind } from '@domain/customer.ts';

/**
 * A change history entry's kind in the shop's words. Keyed by the domain's own list, so a
 * kind added there does not compile here until it has words.
 */
export const changeKindLabel: Readonly<Record<CustomerChangeKind, string>> = {
  created: 'Created',
  updated: 'Updated',
  merged: 'Merged',
  card_linked: 'Card linked',
  card_replaced: 'Card replaced',
  consent_given: 'Consent given',
  consent_withdrawn: 'Consent withdrawn',
  profiling_objection: 'Objection to profiling',
  erased: 'Personal data erased',
};
