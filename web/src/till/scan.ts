import type { CustomerSearchResult } from '@contract/customers.ts';

/** A barcode scanner types digits then Enter; a typed customer number looks the same, on purpose. */
export function isScan(text: string): boolean {
  return /^\d{4,}$/.test(text.trim());
}

export type EnterOutcome =
  | { kind: 'select'; result: CustomerSearchResult }
  | { kind: 'choose' } // several plausible matches: the cashier picks with the arrows
  | { kind: 'none' };

/**
 * What Enter does at the till. A scan selects at once when it is unambiguous (one result, or
 * the best match is a customer or card number); otherwise the list stays open for a choice.
 * Typed text selects the highlighted row. `confirmed` is a second Enter on the same list.
 */
export function onEnter(input: {
  text: string;
  results: readonly CustomerSearchResult[];
  highlighted: number;
  confirmed: boolean;
}): EnterOutcome {
  const { results, highlighted } = input;
  const first = results[0];
  if (first === undefined) return { kind: 'none' };
  const chosen = results[highlighted] ?? first;
  if (isScan(input.text) && !input.confirmed) {
    if (results.length === 1 || first.matchedBy === 'number' || first.matchedBy === 'card') {
      return { kind: 'select', result: first };
    }
    return { kind: 'choose' };
  }
  return { kind: 'select', result: chosen };
}
