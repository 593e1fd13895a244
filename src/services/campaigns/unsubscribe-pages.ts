import { escapeHtml } from '../../domain/campaigns/templates.ts';

/**
 * The few plain pages the unsubscribe link shows in a browser. They stand alone (no web
 * app, no script): the person may have no account and only wants to stop the mail.
 */
export type UnsubscribePage =
  | { kind: 'confirm'; actionPath: string }
  | { kind: 'done'; already: boolean }
  | { kind: 'refused'; reason: string };

const style = `body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#222}
button{font:inherit;padding:.6rem 1.2rem;border:0;border-radius:.3rem;background:#234;color:#fff;cursor:pointer}`;

function page(shopName: string, title: string, body: string): string {
  const shop = escapeHtml(shopName);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} – ${shop}</title><style>${style}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}<p><small>${shop}</small></p></body></html>
`;
}

export function unsubscribePageHtml(shopName: string, view: UnsubscribePage): string {
  switch (view.kind) {
    case 'confirm':
      // A GET only shows this: mail scanners open links, and must not unsubscribe anyone.
      return page(
        shopName,
        'Unsubscribe from our emails?',
        `<p>You will get no more marketing emails from ${escapeHtml(shopName)}.</p>
<form method="post" action="${escapeHtml(view.actionPath)}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Unsubscribe</button></form>`,
      );
    case 'done':
      return page(
        shopName,
        view.already ? 'You are already unsubscribed' : 'You are unsubscribed',
        view.already
          ? '<p>You were already off our email list. Nothing more needs doing.</p>'
          : '<p>You will get no more marketing emails from us. Receipts you ask for still come.</p>',
      );
    case 'refused':
      return page(
        shopName,
        'This link does not work',
        `<p>${escapeHtml(view.reason)}</p>
<p>You can unsubscribe with the link in a newer email from us, or ask us in the shop.</p>`,
      );
  }
}
