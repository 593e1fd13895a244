import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import type { CustomerSearchAnswer } from '@contract/customers.ts';

const debounceMs = 150;

type Answer = CustomerSearchAnswer & { query: string };

const nothing = { results: [], erased: false };

/** What the till says when the number or card typed or scanned was an erased customer's. */
export const erasedCustomerMessage =
  'This card or number belonged to a customer whose data was erased. Sell without a customer.';

/**
 * Typeahead search for the till: debounced while typing, immediate when Enter cannot wait (a
 * scanner types faster than the debounce). Answers to older queries are dropped.
 */
export function useTillSearch() {
  const [query, setQuery] = useState('');
  const [answer, setAnswer] = useState<Answer>({ query: '', ...nothing });
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);

  const run = useCallback(async (text: string): Promise<CustomerSearchAnswer> => {
    const ticket = ++latest.current;
    try {
      const { results, erased } = await api.search(text);
      if (ticket === latest.current) {
        setAnswer({ query: text, results, erased });
        setError(null);
      }
      return { results, erased };
    } catch (err) {
      if (ticket === latest.current) setError(errorMessage(err));
      throw err;
    }
  }, []);

  useEffect(() => {
    const text = query.trim();
    if (text === '') {
      latest.current++;
      setAnswer({ query: '', ...nothing });
      setError(null);
      return;
    }
    const timer = setTimeout(() => void run(text).catch(() => undefined), debounceMs);
    return () => clearTimeout(timer);
  }, [query, run]);

  const fresh = answer.query === query.trim();

  /** The answer for `text` (what is in the box), searching at once if it is not in yet. */
  const resultsFor = useCallback(
    async (text: string): Promise<CustomerSearchAnswer> => {
      if (text === '') return nothing;
      if (answer.query === text) return { results: answer.results, erased: answer.erased };
      return run(text);
    },
    [answer, run],
  );

  return {
    query,
    setQuery,
    results: answer.results,
    // Rows shown belong to an older query while the debounce runs; say so rather than hide them.
    stale: !fresh,
    /** No one found because what was searched for is an erased customer's number or card. */
    erased: fresh && answer.erased && answer.results.length === 0,
    error,
    resultsFor,
  };
}
