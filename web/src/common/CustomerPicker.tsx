import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import type { CustomerSearchResult, CustomerSummary } from '@contract/customers.ts';
import { ErrorText } from './ErrorText.tsx';
import { matchedByLabel } from './format.ts';
import { useDebounced } from './use-load.ts';

type Props = {
  excludeId: string;
  onPick: (customer: CustomerSummary) => void;
  label: string;
};

/** Find another customer with the till's search (name, number, card, phone, email). */
export function CustomerPicker({ excludeId, onPick, label }: Props) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 200);
  const [results, setResults] = useState<CustomerSearchResult[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (q === '') {
      setResults([]);
      return;
    }
    let live = true;
    api
      .search(q)
      .then((answer) => {
        if (live) setResults(answer.results.filter((r) => r.customer.id !== excludeId));
      })
      .catch((err: unknown) => {
        if (live) setError(errorMessage(err));
      });
    return () => {
      live = false;
    };
  }, [q, excludeId]);

  return (
    <div className="picker">
      <label>
        {label}
        <input
          type="search"
          autoComplete="off"
          placeholder="Name, number, card, phone or email"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
          }}
        />
      </label>
      <ErrorText message={error} />
      {results.length > 0 && (
        <ul className="plain picker-results">
          {results.map(({ customer, matchedBy }) => (
            <li key={customer.id}>
              <button type="button" className="link-button" onClick={() => onPick(customer)}>
                {customer.name} ({customer.number})
              </button>{' '}
              <span className="badge">{matchedByLabel(matchedBy)}</span>{' '}
              {customer.status !== 'active' && (
                <span className="badge warn">{customer.status}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
