import { parse, serialize, type DefaultTreeAdapterTypes } from 'parse5';
import { fail, ok, type Result } from '../result.ts';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

/**
 * Campaign HTML is checked on the tree a browser would build (parse5 follows the HTML
 * standard's parsing rules), not with patterns over the source: entities, odd casing,
 * unclosed tags and SVG are decoded exactly as a mail client would decode them, so
 * `<ScRiPt>`, `&#106;avascript:` or `<svg><script>` cannot slip past. We refuse rather
 * than clean: a marketer should see why their email was refused, not have it silently
 * altered.
 */

/** Elements that run code or pull in other documents. */
const forbiddenElements = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'base',
]);

/** Attributes whose whole value is a URL list rather than one URL, or CSS. */
const multiUrlOrCss = new Set(['srcset', 'style']);

/** Attributes a mail client reads as a URL (SVG's animation values included). */
const urlAttributes = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'background',
  'poster',
  'cite',
  'longdesc',
  'data',
  'ping',
  'from',
  'to',
  'values',
]);

/** Where a value filled in at send time would be read as CSS, so escaping is not enough. */
const rawTextParents = new Set(['style']);

const placeholder = /\{\{/;

export type CheckedHtml = { html: string };

/** Whitespace and control characters a browser ignores inside a URL scheme. */
function squeezed(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
}

function isScriptUrl(value: string): boolean {
  // A data: URL holding a page runs that page's scripts in some mail clients' viewers.
  return /^((javascript|vbscript|livescript):|data:text\/html)/.test(squeezed(value));
}

function refuse(field: string, message: string): Result<never> {
  return fail('unsafe_html', `${field}: ${message}`, { field });
}

function checkAttributes(element: Element, field: string): Result<null> {
  for (const attribute of element.attrs) {
    const name = attribute.name.toLowerCase();
    if (name.startsWith('on')) {
      return refuse(field, `the event attribute ${name} on <${element.tagName}> is not allowed`);
    }
    const value = attribute.value;
    const scripted = multiUrlOrCss.has(name)
      ? /(javascript|vbscript|livescript):|expression\(/.test(squeezed(value))
      : isScriptUrl(value);
    if (scripted) {
      return refuse(field, `a javascript: URL in ${name} on <${element.tagName}> is not allowed`);
    }
    if (placeholder.test(value) && !mergeFieldMayStandIn(name, value)) {
      return refuse(
        field,
        `a merge field in ${name} on <${element.tagName}> is not allowed: put merge fields in the text, or use href="{{unsubscribeUrl}}" or href="{{reconfirm_link}}"`,
      );
    }
  }
  if (
    element.tagName === 'meta' &&
    element.attrs.some((a) => a.name === 'http-equiv' && a.value.toLowerCase() === 'refresh')
  ) {
    return refuse(field, '<meta http-equiv="refresh"> is not allowed');
  }
  return ok(null);
}

/**
 * Values are HTML-escaped and the serializer always quotes attributes, so a value cannot
 * leave its attribute. What escaping cannot stop is a value becoming a link's scheme or
 * CSS: so in style and srcset no merge field, and a URL may not start with one, except
 * our own links (unsubscribe, re-confirm), which are always https URLs of the shop's.
 */
function mergeFieldMayStandIn(name: string, value: string): boolean {
  if (multiUrlOrCss.has(name)) return false;
  const trimmed = value.trim();
  if (!urlAttributes.has(name) || !trimmed.startsWith('{{')) return true;
  return /^\{\{\s*(unsubscribeUrl|reconfirm_link)\s*\}\}/.test(trimmed);
}

function childrenOf(node: Node): Node[] {
  const children: Node[] = 'childNodes' in node ? [...node.childNodes] : [];
  // A <template>'s content is a separate fragment, not among its children.
  if ('content' in node && node.content) children.push(node.content);
  return children;
}

function checkTree(root: Node, field: string): Result<null> {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if ('tagName' in node) {
      const tag = node.tagName.toLowerCase();
      if (forbiddenElements.has(tag)) return refuse(field, `<${tag}> is not allowed`);
      const attributes = checkAttributes(node, field);
      if (!attributes.ok) return attributes;
      if (rawTextParents.has(tag) && node.childNodes.some(hasPlaceholderText)) {
        return refuse(field, `a merge field inside <${tag}> is not allowed`);
      }
    }
    stack.push(...childrenOf(node));
  }
  return ok(null);
}

function hasPlaceholderText(node: Node): boolean {
  return node.nodeName === '#text' && 'value' in node && placeholder.test(node.value);
}

/**
 * Parses the body as a whole document (a fragment gets its <html><body> around it, as
 * a mail client would), checks it, and serializes it back: the HTML that is sent is the
 * one that was checked, with every attribute quoted.
 */
export function checkCampaignHtml(source: string, field: string): Result<CheckedHtml> {
  const document = parse(source);
  const checked = checkTree(document, field);
  if (!checked.ok) return checked;
  return ok({ html: serialize(document) });
}
