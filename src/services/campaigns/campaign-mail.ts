import { previewMessage, type RecipientFacts } from '../../domain/campaigns/campaign-preview.ts';
import type { CompiledTemplate } from '../../domain/campaigns/templates.ts';
import {
  listUnsubscribeHeaders,
  unsubscribeUrl,
} from '../../domain/campaigns/unsubscribe-headers.ts';
import type { ContactVault } from '../platform/contact-vault.ts';
import type { MailMessage } from '../platform/mailer.ts';
import { issueUnsubscribeToken } from './unsubscribe-tokens.ts';

/**
 * One campaign email, ready for the mailer: the recipient's own unsubscribe link signed
 * and filled in wherever the template has {{unsubscribeUrl}}, and the same link in the
 * List-Unsubscribe headers every campaign email carries (RFC 2369, RFC 8058).
 */
export function composeCampaignMail({
  vault,
  compiled,
  campaignId,
  customerId,
  to,
  facts,
  publicBaseUrl,
  mailto,
  now,
}: {
  vault: ContactVault;
  compiled: CompiledTemplate;
  campaignId: string;
  customerId: string;
  to: string;
  facts: Omit<RecipientFacts, 'unsubscribeUrl'>;
  publicBaseUrl: string;
  /** Where unsubscribe requests by mail go (the sender's own address will do); null: none. */
  mailto: string | null;
  now: Date;
}): MailMessage {
  const token = issueUnsubscribeToken(vault, { campaignId, customerId, issuedAt: now });
  const message = previewMessage(compiled, {
    ...facts,
    unsubscribeUrl: unsubscribeUrl(publicBaseUrl, token),
  });
  return {
    to,
    ...message,
    attachments: [],
    headers: listUnsubscribeHeaders({ publicBaseUrl, token, mailto }),
  };
}
