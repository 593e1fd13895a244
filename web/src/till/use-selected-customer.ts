import { useCallback, useMemo, useRef, useState } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import type { Selected } from './CustomerPanel.tsx';
import type { Who } from './sale/use-sale-draft.ts';

/**
 * The customer selected at the till. Search rows are summaries, so choosing one also loads
 * the full profile (notes, preferences, consent) for the panel; an answer for a customer
 * no longer selected is dropped.
 */
export function useSelectedCustomer() {
  const [selected, setSelected] = useState<Selected | null>(null);
  const selectedId = useRef<string | null>(null);

  const choose = useCallback((who: Who) => {
    selectedId.current = who.id;
    setSelected({ ...who, customer: null, error: null });
    api
      .customer(who.id)
      .then(({ customer }) => {
        if (selectedId.current === who.id) setSelected({ ...who, customer, error: null });
      })
      .catch((err: unknown) => {
        if (selectedId.current === who.id) {
          setSelected({ ...who, customer: null, error: errorMessage(err) });
        }
      });
  }, []);

  const clear = useCallback(() => {
    selectedId.current = null;
    setSelected(null);
  }, []);

  /** Who goes on a sale or a return: the selected customer without their profile. */
  const tillCustomer: Who | null = useMemo(
    () =>
      selected === null ? null : { id: selected.id, name: selected.name, number: selected.number },
    [selected],
  );

  return { selected, tillCustomer, choose, clear };
}
