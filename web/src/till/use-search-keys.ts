import { useState, type KeyboardEvent } from 'react';
import { isScan, onEnter } from './scan.ts';
import { nextHighlight } from './till-focus.ts';
import type { useTillSearch } from './use-till-search.ts';
import type { CustomerSearchResult } from '@contract/customers.ts';

type Options = {
  search: ReturnType<typeof useTillSearch>;
  onSelect: (result: CustomerSearchResult) => void;
  /** A scan no customer matched, in a sale: true when it was an item (and went on the sale). */
  onItemScan: ((code: string) => Promise<boolean>) | null;
  /** Escape in an empty box: skip the customer, or clear the selected one. */
  onEscapeEmpty: () => void;
  setNote: (note: string | null) => void;
  canCreate: boolean;
};

/**
 * The search box's keys: ↑ ↓ move through the results, Enter chooses (a scan picks its one
 * match at once), Escape clears the box, then the customer.
 */
export function useSearchKeys({
  search,
  onSelect,
  onItemScan,
  onEscapeEmpty,
  setNote,
  canCreate,
}: Options) {
  const { results, stale, setQuery } = search;
  // The highlight belongs to one list of results: a new list starts again at the top, with
  // no effect in between that could undo an arrow key pressed right after the list arrived.
  const [highlight, setHighlight] = useState({ results, index: 0 });
  const highlighted = highlight.results === results ? highlight.index : 0;
  // The query whose list the cashier has engaged with (arrows, or Enter on an ambiguous scan).
  const [confirmed, setConfirmed] = useState<string | null>(null);

  const enter = async (text: string) => {
    let found;
    try {
      found = await search.resultsFor(text);
    } catch {
      return;
    }
    // The server knows the number or card as an erased customer's: the search column says
    // so (never "no customer found", and never an item scan).
    if (found.results.length === 0 && found.erased) {
      setNote(null);
      return;
    }
    const outcome = onEnter({
      text,
      results: found.results,
      highlighted: stale ? 0 : highlighted,
      confirmed: confirmed === text,
    });
    if (outcome.kind === 'none' && onItemScan !== null && isScan(text)) {
      // Asked for the customer, the cashier scanned the first item: skip to the items.
      if (await onItemScan(text)) return;
    }
    if (outcome.kind === 'select') onSelect(outcome.result);
    else if (outcome.kind === 'choose') {
      setConfirmed(text);
      setNote('Several customers match. Choose with ↑ ↓ and press Enter.');
    } else {
      setNote(`No customer found for “${text}”.${canCreate ? ' Press F2 to create one.' : ''}`);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const text = event.currentTarget.value.trim();
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setHighlight({ results, index: nextHighlight(highlighted, step, results.length) });
      setConfirmed(text);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (text !== '') void enter(text);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (text !== '') setQuery('');
      else onEscapeEmpty();
      setNote(null);
      setConfirmed(null);
    }
  };

  return { highlighted, onKeyDown, forgetConfirmed: () => setConfirmed(null) };
}
