import { escapeHtml } from '../../domain/campaigns/templates.ts';
import { linkPageHtml } from './link-page.ts';
import type { ReconfirmOutcome } from './reconfirm.ts';

/**
 * The plain pages a re-confirm link shows in a browser: stand-alone (no web app, no
 * script), like the unsubscribe pages. Every value, the shop's own wording included, is
 * escaped: the wording is shown as the text it is, never as markup.
 */
export type ReconfirmPage = ReconfirmOutcome | { decision: 'refused'; reason: string };

function askForm(
  actionPath: string,
  wording: { id: string; text: string },
  changed: boolean,
): string {
  return `${changed ? '<p><strong>Our wording changed since you opened this page. Please read it again.</strong></p>' : ''}
<p>You agreed to hear from us by email some time ago. Would you like us to keep sending you emails? This is what you agree to:</p>
<blockquote>${escapeHtml(wording.text)}</blockquote>
<form method="post" action="${escapeHtml(actionPath)}">
<input type="hidden" name="wording" value="${escapeHtml(wording.id)}">
<button type="submit">Yes, keep sending me emails</button></form>
<p>If you would rather not, you need do nothing: we will not use your email address for offers.</p>`;
}

export function reconfirmPageHtml(
  shopName: string,
  view: ReconfirmPage,
  actionPath: string,
): string {
  switch (view.decision) {
    case 'ask':
    case 'ask_again':
      // A GET only shows this: mail scanners open links, and must not give consent.
      return linkPageHtml(
        shopName,
        'Keep hearing from us?',
        askForm(actionPath, view.wording, view.decision === 'ask_again'),
      );
    case 'confirmed':
      return linkPageHtml(
        shopName,
        'Thank you',
        '<p>We will keep sending you emails. Every one has a link to unsubscribe whenever you like.</p>',
      );
    case 'already_confirmed':
      return linkPageHtml(
        shopName,
        'You are already confirmed',
        '<p>Your choice to hear from us by email is up to date. Nothing more needs doing.</p>',
      );
    case 'withdrawn':
    case 'suppressed':
      return linkPageHtml(
        shopName,
        'You are not on our email list',
        `<p>Our records say you do not want our marketing emails, so this link does not sign you up again. Nothing was changed.</p>
<p>If you would like our emails again, ask us in the shop.</p>`,
      );
    case 'gone':
      return linkPageHtml(
        shopName,
        'This link does not work',
        '<p>We hold no email address for this link any more, so there is nothing to confirm.</p>',
      );
    case 'no_wording':
      return linkPageHtml(
        shopName,
        'This link does not work yet',
        '<p>We cannot ask you right now. Please ask us in the shop.</p>',
      );
    case 'refused':
      return linkPageHtml(
        shopName,
        'This link does not work',
        `<p>${escapeHtml(view.reason)}</p>
<p>Nothing was changed. You can tell us your choice in the shop.</p>`,
      );
  }
}
