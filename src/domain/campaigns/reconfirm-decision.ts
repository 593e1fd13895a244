import { isConsentStale, type ConsentRefreshSettings } from '../consent-refresh.ts';
import type { ConsentRecordFacts } from '../consent-refresh.ts';

/**
 * What a re-confirm link (a re-permission email's {{reconfirm_link}}) may do for the
 * person who follows it, decided from the customer's state when they click:
 *
 * - `ask`: their latest email consent is given but stale; the page shows the current
 *   wording and, on the button's POST, records consent given under it.
 * - `already_confirmed`: the consent is fresh (this link or the till renewed it): nothing
 *   to record, which is what makes five quick clicks one record.
 * - `withdrawn`, `suppressed`: they have said no since (or never said yes). Nothing is
 *   recorded, and the page says so. An old link must not re-subscribe anyone: a
 *   withdrawal is the person's latest explicit decision, while a click may come from a
 *   weeks-old email, a forwarded one, or someone else with the mailbox; and the link asks
 *   to *keep* sending, which is no clear, informed opt-in for someone who is no longer
 *   subscribed. The suppression list outlives every record (an unsubscribe on another
 *   record, an erasure) and is lifted only deliberately. Opting back in is a fresh act at
 *   the till or sign-up, which records who took it.
 * - `gone`: the customer was erased or merged away, or has no email address any more (the
 *   link went to an address that is no longer theirs), or the link names nobody (as a
 *   test send's does): there is no email consent of theirs to renew here.
 * - `no_wording`: the shop has no current email wording, so there is no text to agree to.
 */
export type ReconfirmDecision =
  'ask' | 'already_confirmed' | 'withdrawn' | 'suppressed' | 'gone' | 'no_wording';

export type ReconfirmFacts = {
  customerActive: boolean;
  hasEmail: boolean;
  /** The latest email consent record; null when there is none. */
  latest: ConsentRecordFacts | null;
  /** The address is on the email suppression list. */
  suppressed: boolean;
  currentWordingId: string | null;
};

export function decideReconfirm(
  facts: ReconfirmFacts,
  settings: Pick<ConsentRefreshSettings, 'consentMaxAgeMonths'>,
  now: Date,
): ReconfirmDecision {
  if (!facts.customerActive || !facts.hasEmail) return 'gone';
  if (!facts.latest?.granted) return 'withdrawn';
  if (facts.suppressed) return 'suppressed';
  if (facts.currentWordingId === null) return 'no_wording';
  const stale = isConsentStale(facts.latest, facts.currentWordingId, settings, now);
  return stale.length > 0 ? 'ask' : 'already_confirmed';
}
