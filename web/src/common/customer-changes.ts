import { useEffect } from 'react';
import { announceLoyaltyChange } from '../loyalty/loyalty-changes.ts';

// A sale, return, exchange or void of a customer's went through on this screen: every view
// of their figures (spend, visits, store credit, points) loads again, without the views
// having to know about each other or about the screen that did it.
type Listener = (customerId: string) => void;

const listeners = new Set<Listener>();

export function announceCustomerChange(customerId: string | null | undefined): void {
  if (customerId === null || customerId === undefined) return;
  for (const listener of listeners) listener(customerId);
  // Points move with every sale and return.
  announceLoyaltyChange(customerId);
}

/** Calls `reload` whenever the customer's sales, returns or balances change here. */
export function useCustomerChanges(customerId: string | null, reload: () => void): void {
  useEffect(() => {
    const listener: Listener = (changed) => {
      if (changed === customerId) reload();
    };
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, [customerId, reload]);
}
