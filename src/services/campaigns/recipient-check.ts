import type { RecipientValues } from '../../domain/campaigns/campaign-preview.ts';
import {
  consentAllowsSending,
  type CampaignPurpose,
} from '../../domain/campaigns/campaign-purpose.ts';
import type { SkipReason } from '../../domain/campaigns/send-outcome.ts';
import type { ConsentSendingPolicy } from '../../domain/consent-refresh.ts';
import type { Reward } from '../../domain/rewards.ts';
import { findLastVisitOutletName } from '../../store/campaign-audience.ts';
import { findRecipientFacts, type RecipientFacts } from '../../store/campaign-recipient-facts.ts';
import { isMarketingSuppressed } from '../../store/customer-erasure.ts';
import type { Db } from '../../store/database.ts';
import { findLoyaltyBalance } from '../../store/loyalty.ts';
import type { ContactVault } from '../platform/contact-vault.ts';

/**
 * Whether one recipient may be sent the message now: consent decides at send time, not
 * when the campaign was made. The latest email consent record must be consent given and,
 * for a marketing campaign, usable for sending (not stale, unless the shop allows stale
 * consent); for a re-permission campaign, stale (campaign-purpose.ts). The customer
 * must still be active with an email address, and that address must not be on the
 * suppression list (which outlives erasure and catches an unsubscribe whose consent
 * record went to another customer record). The record relied on is returned, so the
 * recipient row can store it.
 *
 * When the campaign's segment chose its members by profiling (segment-criteria.ts
 * usesProfiling), a customer who objected to profiling since the campaign started is
 * skipped too: the segment would leave them out today, so the message must not reach them.
 */
export type RecipientDecision =
  | {
      send: true;
      email: string;
      consentRecordId: string;
      facts: RecipientValues;
    }
  | { send: false; reason: SkipReason; consentRecordId: string | null };

export type SendingContext = {
  db: Db;
  vault: ContactVault;
  policy: ConsentSendingPolicy;
  rewards: readonly Reward[];
  now: Date;
  /** Whether the campaign's segment uses a profiling criterion. */
  segmentProfiles: boolean;
  purpose: CampaignPurpose;
};

const skip = (reason: SkipReason, consentRecordId: string | null = null): RecipientDecision => ({
  send: false,
  reason,
  consentRecordId,
});

export async function decideRecipient(
  context: SendingContext,
  customerId: string,
): Promise<RecipientDecision> {
  const { db, vault, policy, now } = context;
  // One statement for everything below but the suppression list, which needs the address.
  const customer = await findRecipientFacts(db, customerId);
  if (!customer || customer.status === 'erased') return skip('customer_erased');
  if (customer.status === 'merged') return skip('customer_merged');
  if (context.segmentProfiles && !customer.openToProfiling) return skip('objects_to_profiling');
  const { consent } = customer;
  const refused = consentAllowsSending(
    context.purpose,
    consent ? { channel: 'email', ...consent } : null,
    policy,
    now,
  );
  if (refused) return skip(refused, consent?.id ?? null);
  if (!consent) return skip('no_consent'); // refused above already; this narrows the type
  const email = openEmail(vault, customer.sealedEmail);
  if (email === null) return skip('no_email', consent.id);
  if (await isMarketingSuppressed(db, 'email', vault.blindIndex('email', email))) {
    return skip('suppressed', consent.id);
  }
  return {
    send: true,
    email,
    consentRecordId: consent.id,
    facts: {
      name: customer.name,
      pointsBalance: customer.pointsBalance,
      rewards: context.rewards,
      outlet: customer.lastVisitOutlet,
    },
  };
}

/** The address alone is opened: the sender has no use for the other contact details. */
function openEmail(vault: ContactVault, sealed: RecipientFacts['sealedEmail']): string | null {
  if (!sealed || sealed.email === null) return null;
  return vault.open(vault.unwrapDataKey(sealed.wrappedKey), 'email', sealed.email);
}

/** What the merge fields are filled from: no contact detail among them. */
export async function recipientFacts(
  context: Pick<SendingContext, 'db' | 'rewards'>,
  { customerId, name }: { customerId: string; name: string },
): Promise<RecipientValues> {
  return {
    name,
    pointsBalance: await findLoyaltyBalance(context.db, customerId),
    rewards: context.rewards,
    outlet: await findLastVisitOutletName(context.db, customerId),
  };
}
