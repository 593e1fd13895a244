import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api.ts';
import type { Product } from '@contract/catalogue.ts';
import { isScan } from '../scan.ts';

const debounceMs = 150;

type Answer = { query: string; items: Product[] };

/**
 * Name typeahead for the item box. A run of digits is a barcode on its way in from the
 * scanner, so it is never searched by name (the scan must not wait for, or be hijacked by,
 * a list). Answers to older queries are dropped.
 */
export function useProductSearch(text: string) {
  const [answer, setAnswer] = useState<Answer>({ query: '', items: [] });
  const latest = useRef(0);
  const query = text.trim();
  const searchable = query !== '' && !isScan(query);

  const run = useCallback(async (q: string): Promise<Product[]> => {
    const ticket = ++latest.current;
    const { items } = await api.searchProducts(q);
    if (ticket === latest.current) setAnswer({ query: q, items });
    return items;
  }, []);

  useEffect(() => {
    if (!searchable) {
      latest.current++;
      setAnswer({ query: '', items: [] });
      return;
    }
    const timer = setTimeout(() => void run(query).catch(() => undefined), debounceMs);
    return () => clearTimeout(timer);
  }, [query, searchable, run]);

  /** The products for `q`, searching at once when the debounced answer is not in yet. */
  const productsFor = useCallback(
    async (q: string): Promise<Product[]> => {
      if (q === '' || isScan(q)) return [];
      return answer.query === q ? answer.items : run(q).catch(() => []);
    },
    [answer, run],
  );

  const clear = useCallback(() => {
    latest.current++;
    setAnswer({ query: '', items: [] });
  }, []);

  const items = searchable ? answer.items : [];
  return { items, stale: answer.query !== query, productsFor, clear };
}
