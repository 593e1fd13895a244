import { escapeHtml } from '../../domain/campaigns/templates.ts';
import { linkPageHtml } from './link-page.ts';

/**
 * The few plain pages the unsubscribe link shows in a browser. They stand alone (no web
 * app, no script): the person may have no account and only wants to stop the mail.
 */
export type UnsubscribePage =
  | { kind: 'confirm'; actionPath: string }
  | { kind: 'done'; already: boolean }
  | { kind: 'refused'; reason: string };

export function unsubscribePageHtml(shopName: string, view: UnsubscribePage): string {
  switch (view.kind) {
    case 'confirm':
      // A GET only shows this: mail scanners open links, and must not unsubscribe anyone.
      return linkPageHtml(
        shopName,
        'Unsubscribe from our emails?',
        `<p>You will get no more marketing emails from ${escapeHtml(shopName)}.</p>
<form method="post" action="${escapeHtml(view.actionPath)}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Unsubscribe</button></form>`,
      );
    case 'done':
      return linkPageHtml(
        shopName,
        view.already ? 'You are already unsubscribed' : 'You are unsubscribed',
        view.already
          ? '<p>You were already off our email list. Nothing more needs doing.</p>'
          : '<p>You will get no more marketing emails from us. Receipts you ask for still come.</p>',
      );
    case 'refused':
      return linkPageHtml(
        shopName,
        'This link does not work',
        `<p>${escapeHtml(view.reason)}</p>
<p>You can unsubscribe with the link in a newer email from us, or ask us in the shop.</p>`,
      );
  }
}
