import type { ConsentChannel } from '../../domain/consent.ts';
import {
  consentAgeCutoff,
  isConsentStale,
  type ConsentRecordFacts,
  type ConsentSendingPolicy,
  type StaleReason,
} from '../../domain/consent-refresh.ts';
import {
  selectStaleConsentCustomerIds,
  selectStaleConsents,
  type StaleConsentAfter,
  type StaleConsentRow,
} from '../../store/consent-refresh.ts';
import type { Db } from '../../store/database.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { getShopSettings } from '../shop/settings.ts';
import { currentWordingIds, getCurrentConsentWordings } from './consent-wordings.ts';

/** Consent the till should ask again: the channel and why. */
export type ConsentRefresh = { channel: ConsentChannel; reasons: StaleReason[] };

/** The settings and current wordings staleness is judged by; both are cached reads. */
export async function loadConsentPolicy(db: Db): Promise<ConsentSendingPolicy> {
  const [settings, wordings] = await Promise.all([
    getShopSettings(db),
    getCurrentConsentWordings(db),
  ]);
  return {
    consentMaxAgeMonths: settings.consentMaxAgeMonths,
    allowStaleConsentForSending: settings.allowStaleConsentForSending,
    currentWordingIds: currentWordingIds(wordings),
  };
}

/** Which of a customer's latest records (one per channel) are stale, and why. */
export function consentRefreshOf(
  latest: ConsentRecordFacts[],
  policy: ConsentSendingPolicy,
  now: Date,
): ConsentRefresh[] {
  return latest.flatMap((record) => {
    const current = policy.currentWordingIds[record.channel] ?? null;
    const reasons = isConsentStale(record, current, policy, now);
    return reasons.length > 0 ? [{ channel: record.channel, reasons }] : [];
  });
}

export type StaleConsentItem = StaleConsentRow & { reasons: StaleReason[] };

/** The back office's stale-consent list: one row per customer and channel, keyset-paged. */
export async function listStaleConsents(
  deps: ServiceDeps,
  query: { outletId?: string | undefined; after?: StaleConsentAfter | undefined; limit: number },
): Promise<{ items: StaleConsentItem[]; next: StaleConsentAfter | null }> {
  const now = deps.now();
  const policy = await loadConsentPolicy(deps.db);
  const rows = await selectStaleConsents(deps.db, {
    cutoff: consentAgeCutoff(now, policy.consentMaxAgeMonths),
    currentWordingIds: policy.currentWordingIds,
    outletId: query.outletId,
    after: query.after,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      ...row,
      reasons: isConsentStale(
        { ...row, granted: true },
        policy.currentWordingIds[row.channel] ?? null,
        policy,
        now,
      ),
    })),
    next:
      rows.length > query.limit && last
        ? { customerId: last.customerId, channel: last.channel }
        : null,
  };
}

/**
 * Customers with stale consent, in id order from `afterCustomerId`: the audience of a
 * re-permission campaign, which pages through with the last id it got.
 */
export async function staleConsentCustomerIds(
  deps: ServiceDeps,
  query: { channel?: ConsentChannel; afterCustomerId?: string; limit: number },
): Promise<string[]> {
  const policy = await loadConsentPolicy(deps.db);
  return selectStaleConsentCustomerIds(deps.db, {
    cutoff: consentAgeCutoff(deps.now(), policy.consentMaxAgeMonths),
    currentWordingIds: policy.currentWordingIds,
    channel: query.channel,
    afterCustomerId: query.afterCustomerId,
    limit: query.limit,
  });
}
