import { matchedByLabel } from '../common/format.ts';
import type { CustomerSearchResult } from '@contract/customers.ts';

type Props = {
  results: readonly CustomerSearchResult[];
  highlighted: number;
  stale: boolean;
  onPick: (result: CustomerSearchResult) => void;
};

export const resultId = (index: number) => `till-result-${index}`;

/** The typeahead list; the search box keeps focus (aria-activedescendant points at the row). */
export function SearchResults({ results, highlighted, stale, onPick }: Props) {
  if (results.length === 0) return null;
  return (
    <ul className={stale ? 'results stale' : 'results'} role="listbox" id="till-results">
      {results.map((result, index) => {
        const { customer, matchedBy } = result;
        return (
          <li
            key={customer.id}
            id={resultId(index)}
            role="option"
            aria-selected={index === highlighted}
            className={index === highlighted ? 'result highlighted' : 'result'}
            data-testid="till-result"
            // mousedown would move focus off the search box before the click lands
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onPick(result)}
          >
            <span className="result-name">{customer.name}</span>
            <span className="result-number">{customer.number}</span>
            <span className="result-phone">{customer.contactMask.maskedPhone ?? ''}</span>
            <span className="badge">{matchedByLabel(matchedBy)}</span>
            {customer.status !== 'active' && <span className="badge warn">{customer.status}</span>}
          </li>
        );
      })}
    </ul>
  );
}
