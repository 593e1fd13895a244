import { useEffect, useState } from 'react';
import { api } from '../../api.ts';
import { useDebounced } from '../../common/use-load.ts';
import type { SaleQuote, SaleQuoteBody } from '@contract/sales.ts';

/** A sale without its tenders: what POST /sales/quote prices. */
export type Basket = SaleQuoteBody;

type Answer = { key: string; quote: SaleQuote | null; error: unknown };

/** How long the basket must stay unchanged before the server is asked (a burst of scans). */
const settleMs = 150;

/**
 * The server's price for the basket (tax, group discount, reward, points), asked for once
 * the basket has stopped changing for a moment. Only an answer for the basket as it is now
 * is returned; while a newer one is on its way the till shows its own estimate.
 * `basket`: null when it cannot be priced yet (empty, or a line still being typed).
 */
export function useSaleQuote(basket: Basket | null): { quote: SaleQuote | null; error: unknown } {
  const key = basket === null ? '' : JSON.stringify(basket);
  const settledKey = useDebounced(key, settleMs);
  const [answer, setAnswer] = useState<Answer>({ key: '', quote: null, error: null });
  useEffect(() => {
    if (settledKey === '') return;
    let live = true;
    api.quoteSale(JSON.parse(settledKey) as Basket).then(
      ({ quote }) => {
        if (live) setAnswer({ key: settledKey, quote, error: null });
      },
      (error: unknown) => {
        if (live) setAnswer({ key: settledKey, quote: null, error });
      },
    );
    return () => {
      live = false;
    };
  }, [settledKey]);
  return answer.key === key && key !== ''
    ? { quote: answer.quote, error: answer.error }
    : { quote: null, error: null };
}
