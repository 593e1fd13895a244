import { containsCardNumber } from './card-number-guard.ts';
import { fail, ok, type Result } from './result.ts';

/**
 * The one rule every piece of text from outside passes before it is stored, whatever
 * door it came in by (API body, CLI argument, CSV cell):
 * - no NUL character: PostgreSQL text cannot hold one;
 * - no lone UTF-16 surrogate: it has no UTF-8 form, so it cannot be stored as typed;
 * - and, for free text, nothing that looks like a payment card number (13–19 digits
 *   passing Luhn, with or without spaces or dashes): we never store one.
 * Identifiers (barcodes, gift card numbers, references looked up rather than kept as
 * typed) skip only the card-number part: an EAN-13 barcode passes Luhn one time in ten.
 */
export type TextKind = 'free' | 'identifier';

export type TextProblem = 'nul_character' | 'lone_surrogate' | 'card_number';

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function textProblem(text: string, kind: TextKind = 'free'): TextProblem | null {
  if (text.includes('\u0000')) return 'nul_character';
  if (loneSurrogate.test(text)) return 'lone_surrogate';
  if (kind === 'free' && containsCardNumber(text)) return 'card_number';
  return null;
}

const explanations: Record<TextProblem, string> = {
  nul_character: 'contains a NUL character, which cannot be stored',
  lone_surrogate: 'contains a broken character (a lone UTF-16 surrogate)',
  card_number: 'looks like a payment card number; card numbers are never stored',
};

export function explainTextProblem(problem: TextProblem): string {
  return explanations[problem];
}

/** The rule as a coded result: `card_number_refused` or `validation_failed`, naming the field. */
export function checkText(text: string, field: string, kind: TextKind = 'free'): Result<string> {
  const problem = textProblem(text, kind);
  if (problem === null) return ok(text);
  return fail(
    problem === 'card_number' ? 'card_number_refused' : 'validation_failed',
    `${field} ${explainTextProblem(problem)}`,
    { field },
  );
}

/**
 * What may be kept of a text that held a card number (a history entry's old value, say):
 * every digit of the number but the last four is masked.
 */
export function redactCardNumbers(text: string): string {
  return text.replace(/\d(?:[ -]?\d)*/g, (run) => {
    if (!containsCardNumber(run)) return run;
    let keep = 4;
    return [...run]
      .reverse()
      .map((char) => (/\d/.test(char) && keep-- <= 0 ? '•' : char))
      .reverse()
      .join('');
  });
}
