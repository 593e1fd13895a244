import { previewMessage } from '../../domain/campaigns/campaign-preview.ts';
import type { RenderedMessage } from '../../domain/campaigns/templates.ts';
import { mailboxOf } from '../../domain/campaigns/unsubscribe-headers.ts';
import { isSenderAddress } from '../../domain/mail-settings.ts';
import { invalid, ok, type Result } from '../../domain/result.ts';
import { points } from '../../domain/units.ts';
import { findCustomerById } from '../../store/customers.ts';
import { rewardsOnOffer } from '../loyalty/loyalty-program.ts';
import { recordAudit } from '../platform/audit.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import { MailError, type Mailer, type SmtpSettings } from '../platform/mailer.ts';
import { publicBaseUrlForSending, smtpForSending } from '../shop/mail-settings.ts';
import { composeCampaignMail } from './campaign-mail.ts';
import { getCampaign } from './campaigns.ts';
import { recipientFacts } from './recipient-check.ts';

/**
 * The message as one customer would receive it, filled with their own values. The
 * unsubscribe and re-confirm links in a preview are placeholders: real ones would act.
 * Nothing in it is a contact detail, so a marketer may look.
 */
export async function previewCampaignFor(
  deps: ServiceDeps,
  { id, customerId }: { id: string; customerId: string },
): Promise<Result<RenderedMessage>> {
  const campaign = await getCampaign(deps, id);
  if (!campaign.ok) return campaign;
  const customer = await findCustomerById(deps.db, customerId);
  if (!customer || customer.status !== 'active') {
    return invalid('customerId', 'customerId names no active customer');
  }
  const facts = await recipientFacts(
    { db: deps.db, rewards: await rewardsOnOffer(deps.db) },
    { customerId, name: customer.name },
  );
  return ok(
    previewMessage(campaign.value.compiled, {
      ...facts,
      unsubscribeUrl: '#unsubscribe',
      reconfirmUrl: '#reconfirm',
    }),
  );
}

/**
 * A test send to the marketer's own address: the real template through the real SMTP
 * server with a real (working) unsubscribe link, filled with a customer's values when
 * one is named, else with sample values. No recipient row is written and no consent is
 * involved: the address is the marketer's. Audited with the address's domain only.
 */
export async function testSendCampaign({
  deps,
  actor,
  id,
  to,
  customerId,
  mailerFor,
}: {
  deps: ServiceDeps;
  actor: Actor;
  id: string;
  to: string;
  customerId: string | null;
  mailerFor: (smtp: SmtpSettings) => Mailer;
}): Promise<Result<{ sent: true }>> {
  const address = to.trim();
  if (!isSenderAddress(address) || address.includes('<')) {
    return invalid('to', 'to must be an email address such as you@shop.example');
  }
  const campaign = await getCampaign(deps, id);
  if (!campaign.ok) return campaign;
  const url = await publicBaseUrlForSending(deps.db);
  if (!url.ok) return url;
  const smtp = await smtpForSending(deps);
  if (!smtp.ok) return smtp;
  const customer = customerId === null ? null : await findCustomerById(deps.db, customerId);
  if (customerId !== null && customer?.status !== 'active') {
    return invalid('customerId', 'customerId names no active customer');
  }
  const rewards = await rewardsOnOffer(deps.db);
  const facts = customer
    ? await recipientFacts(
        { db: deps.db, rewards },
        { customerId: customer.id, name: customer.name },
      )
    : { name: 'Alex Sample', pointsBalance: points(250), rewards, outlet: 'Your shop' };
  const message = composeCampaignMail({
    vault: deps.vault,
    compiled: campaign.value.compiled,
    campaignId: id,
    // A link for nobody: the token names the campaign itself, which is no customer.
    customerId: customer?.id ?? id,
    to: address,
    facts,
    publicBaseUrl: url.value,
    mailto: mailboxOf(smtp.value.from),
    now: deps.now(),
    // The marketer's inbox must not be able to renew a customer's consent for them.
    reconfirmFor: id,
  });
  // One message now: an unpooled connection, not the campaign's rate-limited pool.
  const { ratePerSecond: _unused, ...oneOff } = smtp.value;
  const mailer = mailerFor(oneOff);
  try {
    await mailer.send({ ...message, subject: `[Test] ${message.subject}` });
  } catch (error) {
    if (!(error instanceof MailError)) throw error;
    return invalid('to', `The SMTP server refused the test message (${error.message})`);
  } finally {
    mailer.close?.();
  }
  await recordAudit({
    db: deps.db,
    actor,
    entry: {
      action: 'campaign.test_sent',
      subjectType: 'campaign',
      subjectId: id,
      detail: { toDomain: address.split('@')[1] ?? '' },
    },
  });
  return ok({ sent: true as const });
}
