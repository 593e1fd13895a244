import { containsCardNumber } from '../card-number-guard.ts';
import { fail, invalid, ok, type Result } from '../result.ts';
import { checkCampaignHtml } from './campaign-html.ts';

/**
 * A campaign email's template: subject, HTML body and plain-text part with merge fields
 * such as {{firstName}}. It is checked and compiled once, when the marketer saves it, into
 * literal pieces and field slots; sending a message then only fills the slots, HTML-escaped
 * in the HTML part, so nothing a customer typed into their name can become markup.
 */
export const mergeFields = [
  'firstName',
  'pointsBalance',
  'reachableReward',
  'outlet',
  'unsubscribeUrl',
  // Re-permission campaigns only (campaign-purpose.ts): the signed link that re-confirms consent.
  'reconfirm_link',
] as const;
export type MergeField = (typeof mergeFields)[number];
export type MergeValues = Readonly<Record<MergeField, string>>;

export const maxSubjectLength = 200;
const maxHtmlLength = 500_000;
const maxTextLength = 200_000;

export type TemplatePart = 'subject' | 'html' | 'text';
export type Segment = { kind: 'literal'; text: string } | { kind: 'field'; field: MergeField };
export type CompiledTemplate = Readonly<Record<TemplatePart, readonly Segment[]>>;
export type TemplateInput = { subject?: unknown; html?: unknown; text?: unknown };
export type RenderedMessage = { subject: string; html: string; text: string };

const fieldPattern = /\{\{\s*([^{}]*?)\s*\}\}/g;

function isMergeField(name: string): name is MergeField {
  return (mergeFields as readonly string[]).includes(name);
}

function unknownField(source: string, part: TemplatePart): Result<null> {
  for (const match of source.matchAll(fieldPattern)) {
    const name = match[1] ?? '';
    if (!isMergeField(name)) {
      return fail(
        'unknown_merge_field',
        `${part}: there is no merge field {{${name}}}; use ${mergeFields.map((f) => `{{${f}}}`).join(', ')}`,
        { field: part, details: { mergeField: name } },
      );
    }
  }
  return ok(null);
}

/** Splits checked source into literal pieces and field slots (every field known). */
function segmentsOf(source: string): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  for (const match of source.matchAll(fieldPattern)) {
    if (match.index > at) segments.push({ kind: 'literal', text: source.slice(at, match.index) });
    segments.push({ kind: 'field', field: match[1] as MergeField });
    at = match.index + match[0].length;
  }
  if (at < source.length) segments.push({ kind: 'literal', text: source.slice(at) });
  return segments;
}

function checkPart(input: unknown, part: TemplatePart, maxLength: number): Result<string> {
  if (typeof input !== 'string' || input.trim() === '') {
    return invalid(part, `${part} must not be empty`);
  }
  if (input.length > maxLength) {
    return invalid(part, `${part} must be at most ${maxLength} characters`);
  }
  if (containsCardNumber(input)) {
    return fail('card_number_refused', `${part} looks like it holds a payment card number`, {
      field: part,
    });
  }
  const unknown = unknownField(input, part);
  return unknown.ok ? ok(input) : unknown;
}

/**
 * Checks a template and compiles it, or names the first fault: an empty or over-long
 * part, a subject on more than one line, a card number, an unknown merge field, or HTML
 * that could run code. Nothing is compiled unless every part passes.
 */
export function compileTemplate(input: TemplateInput): Result<CompiledTemplate> {
  const subject = checkPart(input.subject, 'subject', maxSubjectLength);
  if (!subject.ok) return subject;
  if (/[\r\n]/.test(subject.value)) return invalid('subject', 'subject must be one line');
  const html = checkPart(input.html, 'html', maxHtmlLength);
  if (!html.ok) return html;
  const text = checkPart(input.text, 'text', maxTextLength);
  if (!text.ok) return text;
  const checked = checkCampaignHtml(html.value, 'html');
  if (!checked.ok) return checked;
  // Entities such as &#123; decode to braces: the serialized HTML is checked again.
  const decoded = unknownField(checked.value.html, 'html');
  if (!decoded.ok) return decoded;
  return ok({
    subject: segmentsOf(subject.value.trim()),
    html: segmentsOf(checked.value.html),
    text: segmentsOf(text.value),
  });
}

/** The merge fields a compiled template uses, e.g. to know which values to load. */
export function fieldsUsed(compiled: CompiledTemplate): MergeField[] {
  const used = new Set<MergeField>();
  for (const part of [compiled.subject, compiled.html, compiled.text]) {
    for (const segment of part) if (segment.kind === 'field') used.add(segment.field);
  }
  return mergeFields.filter((field) => used.has(field));
}

// C0 and C1 controls (tab and newline included: no value is more than one line), and
// the line and paragraph separators: a value must not start a header or a new line.
// eslint-disable-next-line no-control-regex
const controls = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

export function stripControls(value: string): string {
  return value.replace(controls, '');
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function fill(segments: readonly Segment[], value: (field: MergeField) => string): string {
  return segments
    .map((segment) => (segment.kind === 'literal' ? segment.text : value(segment.field)))
    .join('');
}

/** One recipient's message: only the slots are filled, each value made safe for its part. */
export function renderMessage(compiled: CompiledTemplate, values: MergeValues): RenderedMessage {
  const clean = (field: MergeField) => stripControls(values[field]);
  return {
    subject: fill(compiled.subject, clean),
    html: fill(compiled.html, (field) => escapeHtml(clean(field))),
    text: fill(compiled.text, clean),
  };
}
