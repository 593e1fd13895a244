import { useEffect, type RefObject } from 'react';
import { isTypingTarget } from './till-helpers.ts';

type Keys = {
  /** F2: new customer. */
  onNewCustomer: () => void;
  /** F8 sale, F9 return; null where the role may not. */
  onSale: (() => void) | null;
  onReturn: (() => void) | null;
  /** F4: pay, when the basket can be paid. */
  onPay: (() => void) | null;
  /** Where typed characters belong (the search, the item box…); null: leave focus alone. */
  entry: RefObject<HTMLInputElement | null> | null;
  /** A form is open: its fields keep the typing. */
  formOpen: boolean;
};

/**
 * The till's keyboard: function keys anywhere, and any other typing lands in the box the
 * current mode reads from, so a scan is never lost because focus wandered to a button.
 */
export function useTillKeys(keys: Keys) {
  const { onNewCustomer, onSale, onReturn, onPay, entry, formOpen } = keys;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action =
        event.key === 'F2'
          ? onNewCustomer
          : event.key === 'F8'
            ? onSale
            : event.key === 'F9'
              ? onReturn
              : event.key === 'F4'
                ? onPay
                : undefined;
      if (action !== undefined) {
        if (action !== null) {
          event.preventDefault();
          action();
        }
        return;
      }
      if (formOpen || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key.length === 1 && !isTypingTarget(event.target)) entry?.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onNewCustomer, onSale, onReturn, onPay, entry, formOpen]);
}
