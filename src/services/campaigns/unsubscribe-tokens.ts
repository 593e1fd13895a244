import type { Result } from '../../domain/result.ts';
import type { ContactVault } from '../platform/contact-vault.ts';
import { issueLinkToken, verifyLinkToken, type LinkClaim, type LinkKind } from './link-tokens.ts';

/**
 * The token in a campaign email's unsubscribe link (RFC 8058): who unsubscribes from
 * which campaign, and when the link was made, signed under a key of its own
 * (link-tokens.ts has the layout and the checks).
 */
export type UnsubscribeClaim = LinkClaim;

/** Links keep working for a year by default: people unsubscribe from old mail too. */
export const defaultUnsubscribeTokenDays = 365;

const unsubscribeLink: LinkKind = {
  purpose: 'unsubscribe-link',
  forged: {
    code: 'invalid_unsubscribe_token',
    message: 'This unsubscribe link is not valid: it may have been cut short when copied',
  },
  expired: {
    code: 'unsubscribe_token_expired',
    message: (days) => `This unsubscribe link is more than ${days} days old and no longer works`,
  },
};

export function issueUnsubscribeToken(vault: ContactVault, claim: UnsubscribeClaim): string {
  return issueLinkToken(vault, unsubscribeLink, claim);
}

/**
 * The claim in a token, or why it is refused: anything altered, cut short or padded
 * (`invalid_unsubscribe_token`), or older than `maxAgeDays` (`unsubscribe_token_expired`).
 */
export function verifyUnsubscribeToken(
  vault: ContactVault,
  token: string,
  options: { now: Date; maxAgeDays?: number },
): Result<UnsubscribeClaim> {
  return verifyLinkToken(vault, unsubscribeLink, token, {
    now: options.now,
    maxAgeDays: options.maxAgeDays ?? defaultUnsubscribeTokenDays,
  });
}
