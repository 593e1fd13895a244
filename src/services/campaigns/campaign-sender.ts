import { afterSendFailure } from '../../domain/campaigns/send-outcome.ts';
import { mailboxOf } from '../../domain/campaigns/unsubscribe-headers.ts';
import type { CampaignPurpose } from '../../domain/campaigns/campaign-purpose.ts';
import type { CompiledTemplate } from '../../domain/campaigns/templates.ts';
import {
  claimNextRecipient,
  markRecipientFailed,
  markRecipientSent,
  markRecipientSkipped,
  scheduleRecipientRetry,
  type ClaimedRecipient,
} from '../../store/campaign-recipients.ts';
import { usesProfiling } from '../../domain/segments/segment-criteria.ts';
import { findCampaignSegmentDefinition } from '../../store/campaign-audience.ts';
import { findCampaign } from '../../store/campaigns.ts';
import { selectRewards } from '../../store/loyalty-program.ts';
import { loadConsentPolicy } from '../customers/consent-refresh.ts';
import { criteriaOfStored } from '../segments/segment-query.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { createMailer, MailError, type Mailer, type SmtpSettings } from '../platform/mailer.ts';
import { publicBaseUrlForSending, smtpForSending } from '../shop/mail-settings.ts';
import { composeCampaignMail } from './campaign-mail.ts';
import { decideRecipient } from './recipient-check.ts';

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

/** The mailer, kept while the SMTP settings stay as they are. */
export class SenderMail {
  private current: { key: string; mailer: Mailer } | null = null;
  constructor(private readonly mailerFor: (smtp: SmtpSettings) => Mailer) {}

  async ready(deps: ServiceDeps): Promise<Ready | null> {
    const [smtp, url] = [await smtpForSending(deps), await publicBaseUrlForSending(deps.db)];
    if (!smtp.ok || !url.ok) return null;
    const key = JSON.stringify(smtp.value);
    if (this.current?.key !== key) {
      this.current?.mailer.close?.();
      this.current = { key, mailer: this.mailerFor(smtp.value) };
    }
    return {
      mailer: this.current.mailer,
      publicBaseUrl: url.value,
      mailto: mailboxOf(smtp.value.from),
    };
  }

  close(): void {
    this.current?.mailer.close?.();
    this.current = null;
  }
}

export const defaultMailerFor = (smtp: SmtpSettings): Mailer => createMailer(smtp);

type Fixed = { compiled: CompiledTemplate; purpose: CampaignPurpose };
const templates = new Map<string, Fixed>();

async function fixedOf(deps: ServiceDeps, campaignId: string): Promise<Fixed | null> {
  const cached = templates.get(campaignId);
  if (cached) return cached;
  const row = await findCampaign(deps.db, campaignId);
  if (!row) return null;
  // Only a draft may change, and a claimed row belongs to a started campaign.
  const fixed = { compiled: row.compiled, purpose: row.purpose };
  templates.set(campaignId, fixed);
  return fixed;
}

/**
 * Whether the campaign's segment profiles, read at each send rather than cached: the
 * segment may be edited while the campaign runs. One it cannot find counts as profiling,
 * so an objector is skipped when in doubt.
 */
async function segmentProfiles(deps: ServiceDeps, campaignId: string): Promise<boolean> {
  const definition = await findCampaignSegmentDefinition(deps.db, campaignId);
  return definition === undefined || usesProfiling(criteriaOfStored(definition));
}

/**
 * Sends the next owed message, if any; false when nothing is due (or mail is not set
 * up, in which case nothing is claimed).
 */
export async function sendNextMessage(
  deps: ServiceDeps,
  mail: SenderMail,
  setup: SenderSetup,
): Promise<boolean> {
  const ready = await mail.ready(deps);
  if (!ready) return false;
  const now = deps.now();
  const claimed = await claimNextRecipient(deps.db, {
    now,
    leaseUntil: new Date(now.getTime() + setup.leaseMillis),
  });
  if (!claimed) return false;
  await deliver(deps, ready, claimed, setup);
  return true;
}

async function deliver(
  deps: ServiceDeps,
  ready: Ready,
  claimed: ClaimedRecipient,
  setup: SenderSetup,
): Promise<void> {
  const now = deps.now();
  const campaign = await fixedOf(deps, claimed.campaignId);
  const decision = await decideRecipient(
    {
      db: deps.db,
      vault: deps.vault,
      policy: await loadConsentPolicy(deps.db),
      rewards: await selectRewards(deps.db),
      now,
      segmentProfiles: await segmentProfiles(deps, claimed.campaignId),
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
