import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import type { CustomerSearchResult } from '@contract/customers.ts';

const debounceMs = 150;

type Answer = { query: string; results: CustomerSearchResult[] };

/**
 * Typeahead search for the till: debounced while typing, immediate when Enter cannot wait (a
 * scanner types faster than the debounce). Answers to older queries are dropped.
 */
export function useTillSearch() {
  const [query, setQuery] = useState('');
  const [answer, setAnswer] = useState<Answer>({ query: '', results: [] });
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);

  const run = useCallback(async (text: string): Promise<CustomerSearchResult[]> => {
    const ticket = ++latest.current;
    try {
      const { results } = await api.search(text);
      if (ticket === latest.current) {
        setAnswer({ query: text, results });
        setError(null);
      }
      return results;
    } catch (err) {
      if (ticket === latest.current) setError(errorMessage(err));
      throw err;
    }
  }, []);

  useEffect(() => {
    const text = query.trim();
    if (text === '') {
      latest.current++;
      setAnswer({ query: '', results: [] });
      setError(null);
      return;
    }
    const timer = setTimeout(() => void run(text).catch(() => undefined), debounceMs);
    return () => clearTimeout(timer);
  }, [query, run]);

  const fresh = answer.query === query.trim();

  /** Results for `text` (what is in the box), searching at once if they are not in yet. */
  const resultsFor = useCallback(
    async (text: string): Promise<CustomerSearchResult[]> => {
      if (text === '') return [];
      if (answer.query === text) return answer.results;
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
    error,
    resultsFor,
  };
}
