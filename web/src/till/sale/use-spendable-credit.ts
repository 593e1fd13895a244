import { useEffect, useState } from 'react';
import { api } from '../../api.ts';

/**
 * What the sale's customer may spend in store credit in this currency (expired credit the
 * nightly run has not yet taken is left out). Null while loading, or with no customer.
 */
export function useSpendableCredit(customerId: string | null, currency: string): number | null {
  const [spendable, setSpendable] = useState<{ key: string; amount: number } | null>(null);
  const key = `${customerId ?? ''}:${currency}`;
  useEffect(() => {
    if (customerId === null) return;
    let live = true;
    api
      .storeCredit(customerId)
      .then(({ accounts }) => {
        const account = accounts.find((row) => row.currency === currency);
        if (live) setSpendable({ key, amount: account?.spendable ?? 0 });
      })
      // Without the figure the till simply does not offer store credit.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [customerId, currency, key]);
  return customerId !== null && spendable?.key === key ? spendable.amount : null;
}
