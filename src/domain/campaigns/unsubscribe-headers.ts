/**
 * Where a campaign email's unsubscribe link points, and the headers that let a mail
 * client offer its own "Unsubscribe" button: List-Unsubscribe (RFC 2369) with the HTTPS
 * link first (the one-click one) and a mailto as the fallback, and List-Unsubscribe-Post
 * (RFC 8058), which tells the client a bare POST to that link unsubscribes at once.
 */

/** The bare address of a sender written as `Shop <news@shop.example>` or `news@shop.example`. */
export function mailboxOf(sender: string): string {
  const named = /<([^<>]+)>\s*$/.exec(sender);
  return (named ? (named[1] ?? '') : sender).trim();
}

/** The public page for a token; `publicBaseUrl` as checkPublicBaseUrl gives it. */
export function unsubscribeUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/u/${encodeURIComponent(token)}`;
}

export type ListUnsubscribeHeaders = {
  'List-Unsubscribe': string;
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click';
};

export function listUnsubscribeHeaders({
  publicBaseUrl,
  token,
  mailto,
}: {
  publicBaseUrl: string;
  token: string;
  /** The address that takes unsubscribe requests by mail; null for none. */
  mailto: string | null;
}): ListUnsubscribeHeaders {
  if (mailto !== null && !/^[^\s@<>,"]+@[^\s@<>,"]+$/.test(mailto)) {
    throw new Error('the List-Unsubscribe mailto must be a bare address');
  }
  const links = [`<${unsubscribeUrl(publicBaseUrl, token)}>`];
  // The token in the subject lets whoever reads that mailbox act on the request.
  if (mailto)
    links.push(`<mailto:${mailto}?subject=${encodeURIComponent(`unsubscribe ${token}`)}>`);
  return {
    'List-Unsubscribe': links.join(', '),
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}
