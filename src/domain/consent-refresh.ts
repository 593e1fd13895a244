import type { ConsentChannel } from './consent.ts';

/**
 * Consent refresh (F18). Consent does not last for ever: consent given more than
 * consentMaxAgeMonths ago, or under a wording the shop has since replaced, is stale. The
 * till asks the customer again, and stale consent is not used for sending until it is
 * refreshed, unless the shop allows it (allowStaleConsentForSending).
 */
export const defaultConsentMaxAgeMonths = 24;
export const minConsentMaxAgeMonths = 1;
export const maxConsentMaxAgeMonths = 120;

/** The consentMaxAgeMonths setting: a whole number of months from 1 to 120. */
export function isConsentMaxAgeMonths(value: unknown): value is number {
  return (
    Number.isInteger(value) &&
    (value as number) >= minConsentMaxAgeMonths &&
    (value as number) <= maxConsentMaxAgeMonths
  );
}

export type ConsentRefreshSettings = {
  consentMaxAgeMonths: number;
  allowStaleConsentForSending: boolean;
};

/** What staleness needs of a consent record: the latest one for its customer and channel. */
export type ConsentRecordFacts = {
  channel: ConsentChannel;
  granted: boolean;
  /** null for a record that erasure reduced (it no longer says what was shown). */
  wordingId: string | null;
  at: Date;
};

export type StaleReason = `older_than_${number}_months` | 'outdated_wording';

/**
 * Records before this moment are too old: `now` moved back `months` calendar months in
 * UTC at the same time of day; a day the target month lacks becomes its last day (31 May
 * less 3 months is 28 or 29 February), so the cut-off never comes later than the full age.
 */
export function consentAgeCutoff(now: Date, months: number): Date {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const cutoff = new Date(now.getTime());
  cutoff.setUTCFullYear(year, month, Math.min(now.getUTCDate(), lastDay));
  return cutoff;
}

/**
 * Why a record is stale, empty when it is not. Only given consent goes stale: a
 * withdrawal needs no refreshing. With no current wording for the channel, the wording
 * cannot be outdated.
 */
export function isConsentStale(
  record: ConsentRecordFacts,
  currentWordingId: string | null,
  settings: Pick<ConsentRefreshSettings, 'consentMaxAgeMonths'>,
  now: Date,
): StaleReason[] {
  if (!record.granted) return [];
  const reasons: StaleReason[] = [];
  if (record.at < consentAgeCutoff(now, settings.consentMaxAgeMonths)) {
    reasons.push(`older_than_${settings.consentMaxAgeMonths}_months`);
  }
  if (currentWordingId !== null && record.wordingId !== currentWordingId) {
    reasons.push('outdated_wording');
  }
  return reasons;
}

export type ConsentSendingPolicy = ConsentRefreshSettings & {
  /** The shop's current wording per channel; a channel without one has none set yet. */
  currentWordingIds: Partial<Record<ConsentChannel, string>>;
};

/**
 * Whether marketing may be sent on the record's channel: the latest record must be
 * consent given, and not stale unless the shop allows stale consent for sending.
 */
export function usableForSending(
  latestRecord: ConsentRecordFacts | null | undefined,
  settings: ConsentSendingPolicy,
  now: Date,
): boolean {
  if (!latestRecord?.granted) return false;
  if (settings.allowStaleConsentForSending) return true;
  const current = settings.currentWordingIds[latestRecord.channel] ?? null;
  return isConsentStale(latestRecord, current, settings, now).length === 0;
}
