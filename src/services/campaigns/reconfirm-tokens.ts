import type { Result } from '../../domain/result.ts';
import type { ContactVault } from '../platform/contact-vault.ts';
import { issueLinkToken, verifyLinkToken, type LinkClaim, type LinkKind } from './link-tokens.ts';

/**
 * The token in a re-permission email's {{reconfirm_link}}: who may re-confirm email
 * consent, from which campaign, since when. Signed under its own purpose's key, so it is
 * no unsubscribe token and no unsubscribe token is one of these.
 */
export type ReconfirmClaim = LinkClaim;

/**
 * Shorter-lived than unsubscribe links (a year): renewing consent is a fresh agreement,
 * and a months-old email lying in a mailbox should not be able to give it. Unsubscribing
 * from old mail must keep working; re-subscribing from it need not.
 */
export const reconfirmTokenDays = 60;

const reconfirmLink: LinkKind = {
  purpose: 'reconfirm-link',
  forged: {
    code: 'invalid_reconfirm_token',
    message: 'This link is not valid: it may have been cut short when copied',
  },
  expired: {
    code: 'reconfirm_token_expired',
    message: (days) => `This link is more than ${days} days old and no longer works`,
  },
};

export function issueReconfirmToken(vault: ContactVault, claim: ReconfirmClaim): string {
  return issueLinkToken(vault, reconfirmLink, claim);
}

export function verifyReconfirmToken(
  vault: ContactVault,
  token: string,
  { now }: { now: Date },
): Result<ReconfirmClaim> {
  return verifyLinkToken(vault, reconfirmLink, token, { now, maxAgeDays: reconfirmTokenDays });
}
