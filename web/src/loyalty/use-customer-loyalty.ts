import { useCallback, useEffect } from 'react';
import { useLoad } from '../common/use-load.ts';
import { loyaltyApi } from '../loyalty-api.ts';
import type { LoyaltySummary } from '@contract/loyalty.ts';
import { onLoyaltyChange } from './loyalty-changes.ts';

type Loaded = { customerId: string; summary: LoyaltySummary } | null;

/**
 * The customer's points, rewards within reach, groups and expiring points; reloads when
 * their points change on this screen. `data` is null with no customer or while loading.
 */
export function useCustomerLoyalty(customerId: string | null) {
  const loader = useCallback(
    (): Promise<Loaded> =>
      customerId === null
        ? Promise.resolve(null)
        : loyaltyApi.summary(customerId).then((summary) => ({ customerId, summary })),
    [customerId],
  );
  const loaded = useLoad(loader);
  const { reload } = loaded;
  useEffect(
    () =>
      onLoyaltyChange((changed) => {
        if (changed === customerId) reload();
      }),
    [customerId, reload],
  );
  // The last customer's points are never shown for the next one while theirs load.
  const data = loaded.data !== null && loaded.data.customerId === customerId ? loaded.data : null;
  return { data: data?.summary ?? null, error: loaded.error, reload };
}
