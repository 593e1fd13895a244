import { afterSendFailure } from '../../domain/campaigns/send-outcome.ts';
import { mailboxOf } from '../../domain/campaigns/unsubscribe-headers.ts';
import {
  claimNextRecipient,
  markRecipientFailed,
  markRecipientSent,
  markRecipientSkipped,
  scheduleRecipientRetry,
  type ClaimedRecipient,
} from '../../store/campaign-recipients.ts';
import { loadConsentPolicy } from '../customers/consent-refresh.ts';
import { rewardsOnOffer } from '../loyalty/loyalty-program.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { createMailer, MailError, type Mailer, type SmtpSettings } from '../platform/mailer.ts';
import { publicBaseUrlForSending, smtpForSending } from '../shop/mail-settings.ts';
import { composeCampaignMail } from './campaign-mail.ts';
import { decideRecipient } from './recipient-check.ts';
import type { SenderCache } from './sender-cache.ts';

/**
 * Sends one owed message: claim -> decide -> send -> mark.
 *
 * 1. Claim (one short transaction): the next pending row of a sending campaign is taken
 *    with FOR UPDATE SKIP LOCKED and given a lease (claimed_until). No transaction stays
 *    open while the SMTP server is talked to (PGlite has one connection for everything).
 * 2. Decide at send time: latest email consent granted and usable (stale, for a
 *    re-permission campaign), not suppressed, still an active customer with an address,
 *    no objection to profiling where the segment profiles; otherwise the row is skipped
 *    with the reason.
 * 3. Send through SMTP, then mark the row sent with the server's answer, only after the
 *    server accepted it. A 4xx is retried with backoff, a 5xx fails the row.
 *
 * A crash between the server's acceptance and the mark leaves the row pending and
 * claimed; once the lease runs out (or at once on the embedded database, whose directory
 * no other process can hold) it is claimed and sent again. That one message, the one in
 * flight at the crash, is the only one that can arrive twice: a sender has at most one.
 */
export type SenderSetup = {
  /** How long a claimed message is held before another sender may take it. */
  leaseMillis: number;
  /** First retry delay after a 4xx; doubles each attempt. */
  retryBaseMillis?: number;
  mailerFor?: (smtp: SmtpSettings) => Mailer;
};

type Ready = { mailer: Mailer; publicBaseUrl: string; mailto: string };

/**
 * The mailer (one pooled SMTP connection), kept while the SMTP settings stay as they are.
 * The settings are read again once they are `maxAgeMillis` old, not for every message.
 */
export class SenderMail {
  private current: { key: string; mailer: Mailer } | null = null;
  private last: { readAt: number; ready: Ready } | null = null;
  constructor(
    private readonly mailerFor: (smtp: SmtpSettings) => Mailer,
    private readonly maxAgeMillis = 1_000,
  ) {}

  async ready(deps: ServiceDeps): Promise<Ready | null> {
    const readAt = performance.now();
    if (this.last && readAt - this.last.readAt < this.maxAgeMillis) return this.last.ready;
    const [smtp, url] = [await smtpForSending(deps), await publicBaseUrlForSending(deps.db)];
    // Not set up: asked again next time, so sending starts as soon as it is.
    this.last = null;
    if (!smtp.ok || !url.ok) return null;
    const key = JSON.stringify(smtp.value);
    if (this.current?.key !== key) {
      this.current?.mailer.close?.();
      this.current = { key, mailer: this.mailerFor(smtp.value) };
    }
    const ready = {
      mailer: this.current.mailer,
      publicBaseUrl: url.value,
      mailto: mailboxOf(smtp.value.from),
    };
    this.last = { readAt, ready };
    return ready;
  }

  close(): void {
    this.current?.mailer.close?.();
    this.current = null;
    this.last = null;
  }
}

/** What the worker keeps between messages: the mailer and the facts messages share. */
export type Sender = { mail: SenderMail; cache: SenderCache };

export const defaultMailerFor = (smtp: SmtpSettings): Mailer => createMailer(smtp);

/**
 * Sends the next owed message, if any; false when nothing is due (or mail is not set
 * up, in which case nothing is claimed).
 */
export async function sendNextMessage(
  deps: ServiceDeps,
  sender: Sender,
  setup: SenderSetup,
): Promise<boolean> {
  const ready = await sender.mail.ready(deps);
  if (!ready) return false;
  const now = deps.now();
  const claimed = await claimNextRecipient(deps.db, {
    now,
    leaseUntil: new Date(now.getTime() + setup.leaseMillis),
  });
  if (!claimed) return false;
  await deliver(deps, { ready, cache: sender.cache }, claimed, setup);
  return true;
}

async function deliver(
  deps: ServiceDeps,
  { ready, cache }: { ready: Ready; cache: SenderCache },
  claimed: ClaimedRecipient,
  setup: SenderSetup,
): Promise<void> {
  const now = deps.now();
  // Both are kept per database a few seconds already (shop settings, wordings, offer).
  const [policy, rewards] = [await loadConsentPolicy(deps.db), await rewardsOnOffer(deps.db)];
  // Only a draft may change its content, and a claimed row belongs to a started campaign.
  const facts = await cache.campaignFacts(deps, claimed.campaignId);
  const campaign = facts?.campaign;
  const decision = await decideRecipient(
    {
      db: deps.db,
      vault: deps.vault,
      policy,
      rewards,
      now,
      segmentProfiles: facts?.segmentProfiles ?? true,
      // A campaign gone missing is skipped below; marketing is the stricter rule meanwhile.
      purpose: campaign?.purpose ?? 'marketing',
    },
    claimed.customerId,
  );
  if (!decision.send || !campaign) {
    await markRecipientSkipped(deps.db, {
      id: claimed.id,
      at: now,
      reason: decision.send ? 'campaign_missing' : decision.reason,
      consentRecordId: decision.consentRecordId,
    });
    return;
  }
  const message = composeCampaignMail({
    vault: deps.vault,
    compiled: campaign.compiled,
    campaignId: claimed.campaignId,
    customerId: claimed.customerId,
    to: decision.email,
    facts: decision.facts,
    publicBaseUrl: ready.publicBaseUrl,
    mailto: ready.mailto,
    now,
  });
  let accepted;
  try {
    accepted = await ready.mailer.send(message);
  } catch (error) {
    if (!(error instanceof MailError)) throw error;
    await recordFailure(deps, claimed, error, setup);
    return;
  }
  await markRecipientSent(deps.db, {
    id: claimed.id,
    at: deps.now(),
    consentRecordId: decision.consentRecordId,
    messageId: accepted?.messageId ?? null,
    response: accepted?.response ?? null,
  });
}

async function recordFailure(
  deps: ServiceDeps,
  claimed: ClaimedRecipient,
  error: MailError,
  setup: SenderSetup,
): Promise<void> {
  const at = deps.now();
  const next = afterSendFailure(error, {
    attempts: claimed.attempts,
    now: at,
    ...(setup.retryBaseMillis === undefined ? {} : { baseMillis: setup.retryBaseMillis }),
  });
  if (next.action === 'fail') {
    await markRecipientFailed(deps.db, { id: claimed.id, at, reason: next.reason });
  } else {
    await scheduleRecipientRetry(deps.db, {
      id: claimed.id,
      at,
      reason: next.reason,
      retryAt: next.at,
    });
  }
}
