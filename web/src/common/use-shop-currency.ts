import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { useSession } from '../session.ts';
import { defaultCurrency } from './money.ts';

/**
 * The currency the shop sells in, for back-office screens that show amounts without one
 * (rewards, spend rules, the points log): the signed-in outlet's, else the first outlet's.
 */
export function useShopCurrency(): string {
  const { session } = useSession();
  const outletId = session.outlet?.id ?? null;
  const [currency, setCurrency] = useState(defaultCurrency);
  useEffect(() => {
    let live = true;
    api
      .outlets()
      .then(({ outlets }) => {
        const outlet = outlets.find((row) => row.id === outletId) ?? outlets[0];
        if (live && outlet) setCurrency(outlet.currency);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [outletId]);
  return currency;
}
