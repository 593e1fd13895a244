import { useEffect, useState } from 'react';
import type { PricingMode } from '@domain/sales.ts';
import { api } from '../api.ts';
import { defaultCurrency } from '../common/money.ts';
import { useSession } from '../session.ts';

/**
 * `currency`: what the outlet sells in (store credit and gift cards are per currency);
 * `pricingMode`: whether its shelf prices include tax, for the till's estimate of a line.
 */
export type OutletTillSettings = {
  promptForCustomer: boolean;
  currency: string;
  pricingMode: PricingMode;
};

/**
 * The till's outlet settings. Until they arrive (or if the outlet says nothing) the till
 * asks for the customer, the safer default for loyalty and history.
 */
export function useOutletSettings(): OutletTillSettings {
  const { session } = useSession();
  const outletId = session.outlet?.id ?? null;
  const [settings, setSettings] = useState<OutletTillSettings>({
    promptForCustomer: true,
    currency: defaultCurrency,
    pricingMode: 'tax_inclusive',
  });
  useEffect(() => {
    if (!outletId) return;
    let live = true;
    api
      .outlets()
      .then(({ outlets }) => {
        const outlet = outlets.find((row) => row.id === outletId);
        if (live && outlet)
          setSettings({
            promptForCustomer: outlet.settings.promptForCustomer !== false,
            currency: outlet.currency,
            pricingMode: outlet.pricingMode,
          });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [outletId]);
  return settings;
}
