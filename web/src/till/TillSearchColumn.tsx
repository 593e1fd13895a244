import type { KeyboardEvent, RefObject } from 'react';
import { SearchResults, resultId } from './SearchResults.tsx';
import { erasedCustomerMessage } from './use-till-search.ts';
import type { CustomerSearchResult } from '@contract/customers.ts';

type Props = {
  inputRef: RefObject<HTMLInputElement | null>;
  query: string;
  onQueryChange: (query: string) => void;
  onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void;
  results: CustomerSearchResult[];
  highlighted: number;
  stale: boolean;
  /** Nothing found because the number or card was an erased customer's. */
  erased: boolean;
  error: string | null;
  note: string | null;
  onPick: (result: CustomerSearchResult) => void;
  /** Null where the role may not create customers. */
  onNewCustomer: (() => void) | null;
};

/** The customer search box that always has focus, what it found, and "New customer (F2)". */
export function TillSearchColumn(props: Props) {
  const { inputRef, query, results, highlighted, note, onNewCustomer } = props;
  const showList = results.length > 0 && query.trim() !== '';
  return (
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
        value={query}
        onChange={(e) => props.onQueryChange(e.target.value)}
        onKeyDown={props.onKeyDown}
      />
      {props.error !== null && <p className="error">{props.error}</p>}
      {note !== null && (
        <p className="note" role="status" data-testid="till-note">
          {note}
        </p>
      )}
      {props.erased && note === null && query.trim() !== '' && (
        <p className="warning" role="status" data-testid="till-erased">
          {erasedCustomerMessage}
        </p>
      )}
      {showList && (
        <SearchResults
          results={results}
          highlighted={highlighted}
          stale={props.stale}
          onPick={props.onPick}
        />
      )}
      {onNewCustomer !== null && (
        <button
          type="button"
          className="new-customer"
          data-testid="new-customer-button"
          onClick={onNewCustomer}
        >
          New customer (F2)
        </button>
      )}
    </div>
  );
}
