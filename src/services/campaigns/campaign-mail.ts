import { previewMessage, type RecipientValues } from '../../domain/campaigns/campaign-preview.ts';
import { reconfirmField, reconfirmUrl } from '../../domain/campaigns/campaign-purpose.ts';
import { fieldsUsed, type CompiledTemplate } from '../../domain/campaigns/templates.ts';
import {
  listUnsubscribeHeaders,
  unsubscribeUrl,
} from '../../domain/campaigns/unsubscribe-headers.ts';
import type { ContactVault } from '../platform/contact-vault.ts';
import type { MailMessage } from '../platform/mailer.ts';
import { issueReconfirmToken } from './reconfirm-tokens.ts';
import { issueUnsubscribeToken } from './unsubscribe-tokens.ts';

/**
 * One campaign email, ready for the mailer: the recipient's own unsubscribe link signed
 * and filled in wherever the template has {{unsubscribeUrl}}, and the same link in the
 * List-Unsubscribe headers every campaign email carries (RFC 2369, RFC 8058). A
 * re-permission template's {{reconfirm_link}} gets the recipient's own re-confirm link,
 * signed under its own key.
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
  reconfirmFor = customerId,
}: {
  vault: ContactVault;
  compiled: CompiledTemplate;
  campaignId: string;
  customerId: string;
  to: string;
  facts: RecipientValues;
  publicBaseUrl: string;
  /** Where unsubscribe requests by mail go (the sender's own address will do); null: none. */
  mailto: string | null;
  now: Date;
  /** Whose consent the re-confirm link renews; a test send's names nobody. */
  reconfirmFor?: string;
}): MailMessage {
  const claim = { campaignId, customerId, issuedAt: now };
  const token = issueUnsubscribeToken(vault, claim);
  const message = previewMessage(compiled, {
    ...facts,
    unsubscribeUrl: unsubscribeUrl(publicBaseUrl, token),
    reconfirmUrl: fieldsUsed(compiled).includes(reconfirmField)
      ? reconfirmUrl(
          publicBaseUrl,
          issueReconfirmToken(vault, { ...claim, customerId: reconfirmFor }),
        )
      : '',
  });
  return {
    to,
    ...message,
    attachments: [],
    headers: listUnsubscribeHeaders({ publicBaseUrl, token, mailto }),
  };
}
