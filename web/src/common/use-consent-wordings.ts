import { useCallback } from 'react';
import type { ConsentChannel } from '@contract/customers.ts';
import { useSession } from '../session.ts';
import { consentApi, currentWording } from './consent-api.ts';
import { grantWording } from './consent-wording.ts';
import { useLoad } from './use-load.ts';

/**
 * The words a customer is asked to agree to: the shop's current wording for the channel
 * (Settings), or the built-in sentence while the shop has none (the server then keeps
 * that sentence as the channel's first version). Until the wordings have loaded, null.
 */
export function useGrantWording(): ((channel: ConsentChannel) => string) | null {
  const { settings } = useSession();
  const wordings = useLoad(useCallback(() => consentApi.wordings(), []));
  if (wordings.data === null && wordings.error === null) return null;
  const stored = wordings.data?.wordings ?? [];
  return (channel) =>
    currentWording(stored, channel)?.text ?? grantWording(channel, settings?.shopName);
}
