import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import { useCan } from '../session.ts';
import type { Customer, Duplicate } from '../types.ts';
import { CustomerPanel, type Selected } from './CustomerPanel.tsx';
import { NewCustomerForm } from './NewCustomerForm.tsx';
import { SearchResults, resultId } from './SearchResults.tsx';
import { createdNote, isTypingTarget, prefillFrom } from './till-helpers.ts';
import { onEnter } from './scan.ts';
import { useTillSearch } from './use-till-search.ts';

/**
 * The till: one search box that always has focus, so a scan or a few typed letters find the
 * customer without the mouse. F2 creates a customer; Escape clears.
 */
export function TillScreen() {
  const can = useCan();
  const search = useTillSearch();
  const { results, stale, setQuery } = search;
  // The highlight belongs to one list of results: a new list starts again at the top, with
  // no effect in between that could undo an arrow key pressed right after the list arrived.
  const [highlight, setHighlight] = useState({ results, index: 0 });
  const highlighted = highlight.results === results ? highlight.index : 0;
  // The query whose list the cashier has engaged with (arrows, or Enter on an ambiguous scan).
  const [confirmed, setConfirmed] = useState<string | null>(null);
  const [selected, setSelected] = useState<Selected | null>(null);
  const [form, setForm] = useState<{ name: string; phone: string } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const selectedId = useRef<string | null>(null);

  const focusSearch = useCallback(() => inputRef.current?.focus(), []);

  const select = useCallback(
    (found: { id: string; name: string; number: string }, message: string | null = null) => {
      const who = { id: found.id, name: found.name, number: found.number };
      selectedId.current = who.id;
      setSelected({ ...who, customer: null, error: null });
      setNote(message);
      setQuery('');
      setConfirmed(null);
      setForm(null);
      focusSearch();
      // Search rows are summaries; the panel shows notes, preferences and consent too.
      api
        .customer(who.id)
        .then(({ customer }) => {
          if (selectedId.current === who.id) setSelected({ ...who, customer, error: null });
        })
        .catch((err: unknown) => {
          if (selectedId.current === who.id) {
            setSelected({ ...who, customer: null, error: errorMessage(err) });
          }
        });
    },
    [setQuery, focusSearch],
  );

  const openForm = useCallback(() => {
    if (!can('customer.create')) return;
    setForm((current) => current ?? prefillFrom(inputRef.current?.value ?? ''));
  }, [can]);

  const closeForm = () => {
    setForm(null);
    focusSearch();
  };

  // F2 anywhere on the till opens the form; any other typing lands in the search box, so a
  // scan is never lost because focus wandered to a button or link.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'F2') {
        event.preventDefault();
        openForm();
        return;
      }
      if (form !== null || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key.length === 1 && !isTypingTarget(event.target)) focusSearch();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [form, openForm, focusSearch]);

  const enter = async (text: string) => {
    let found;
    try {
      found = await search.resultsFor(text);
    } catch {
      return;
    }
    const outcome = onEnter({
      text,
      results: found,
      highlighted: stale ? 0 : highlighted,
      confirmed: confirmed === text,
    });
    if (outcome.kind === 'select') select(outcome.result.customer);
    else if (outcome.kind === 'choose') {
      setConfirmed(text);
      setNote('Several customers match. Choose with ↑ ↓ and press Enter.');
    } else {
      setNote(
        `No customer found for “${text}”.${can('customer.create') ? ' Press F2 to create one.' : ''}`,
      );
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const text = event.currentTarget.value.trim();
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      const index = Math.min(Math.max(highlighted + step, 0), Math.max(results.length - 1, 0));
      setHighlight({ results, index });
      setConfirmed(text);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (text !== '') void enter(text);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (text !== '') setQuery('');
      else {
        selectedId.current = null;
        setSelected(null);
      }
      setNote(null);
      setConfirmed(null);
    }
  };

  const onCreated = (customer: Customer, duplicates: Duplicate[]) =>
    select(customer, createdNote(customer, duplicates));
  const onSelectExisting = (duplicate: Duplicate) => select(duplicate);

  const showList = results.length > 0 && search.query.trim() !== '';
  return (
    <div className="till">
      <div className="till-search-column">
        <input
          ref={inputRef}
          className="till-search"
          data-testid="till-search"
          type="search"
          autoFocus
          autoComplete="off"
          spellCheck={false}
          placeholder="Scan card, or type name, phone, number"
          aria-label="Find customer"
          role="combobox"
          aria-expanded={showList}
          aria-controls="till-results"
          aria-activedescendant={showList ? resultId(highlighted) : undefined}
          value={search.query}
          onChange={(e) => {
            setQuery(e.target.value);
            setNote(null);
          }}
          onKeyDown={onKeyDown}
        />
        {search.error !== null && <p className="error">{search.error}</p>}
        {note !== null && (
          <p className="note" role="status" data-testid="till-note">
            {note}
          </p>
        )}
        {showList && (
          <SearchResults
            results={results}
            highlighted={highlighted}
            stale={stale}
            onPick={(result) => select(result.customer)}
          />
        )}
        {can('customer.create') && (
          <button
            type="button"
            className="new-customer"
            data-testid="new-customer-button"
            onClick={openForm}
          >
            New customer (F2)
          </button>
        )}
      </div>
      <div className="till-detail-column">
        {form !== null ? (
          <NewCustomerForm
            initial={form}
            onCreated={onCreated}
            onSelectExisting={onSelectExisting}
            onCancel={closeForm}
          />
        ) : selected !== null ? (
          <CustomerPanel selected={selected} />
        ) : (
          <p className="muted hint">
            Scan the customer’s card or type a few letters of their name, their phone number or
            customer number. ↑ ↓ to move, Enter to choose, Esc to clear.
          </p>
        )}
      </div>
    </div>
  );
}
