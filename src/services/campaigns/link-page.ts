import { escapeHtml } from '../../domain/campaigns/templates.ts';

/**
 * The shell of the plain pages that links in campaign emails open (unsubscribe,
 * re-confirm): stand-alone HTML with no web app and no script, for a person who may have
 * no account. The title and the shop's name are escaped here; `body` is markup its caller
 * built from escaped values.
 */
const style = `body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#222}
blockquote{margin:1rem 0;padding:.5rem 1rem;border-left:.25rem solid #ccd;background:#f6f7fa;white-space:pre-wrap}
button{font:inherit;padding:.6rem 1.2rem;border:0;border-radius:.3rem;background:#234;color:#fff;cursor:pointer}`;

export function linkPageHtml(shopName: string, title: string, body: string): string {
  const shop = escapeHtml(shopName);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} – ${shop}</title><style>${style}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}<p><small>${shop}</small></p></body></html>
`;
}
