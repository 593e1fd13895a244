import { useCallback, useState } from 'react';
import { api } from '../api.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { useDebounced, useLoad } from '../common/use-load.ts';
import type { GiftCardState } from '@contract/stored-value.ts';
import { giftCardStates } from '@domain/gift-cards.ts';
import { AddRangeForm } from './AddRangeForm.tsx';
import { GiftCardTable } from './GiftCardTable.tsx';
import { ImportForm } from './ImportForm.tsx';
import { stateLabel } from './gift-card-words.ts';

/** Back office: find gift cards by the first digits of their number or by state; add and import cards. */
export function GiftCardsScreen() {
  const [number, setNumber] = useState('');
  const [state, setState] = useState<GiftCardState | ''>('');
  const prefix = useDebounced(number.replace(/[\s-]/g, ''), 250);
  const loader = useCallback(() => api.giftCards({ number: prefix, state }), [prefix, state]);
  const list = useLoad(loader);

  return (
    <div className="stack">
      <h1>Gift cards</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Number (or its first digits)
          <input
            type="search"
            autoFocus
            autoComplete="off"
            inputMode="numeric"
            data-testid="gift-cards-number"
            value={number}
            onChange={(e) => setNumber(e.target.value)}
          />
        </label>
        <label>
          State
          <select
            data-testid="gift-cards-state"
            value={state}
            onChange={(e) => setState(giftCardStates.find((s) => s === e.target.value) ?? '')}
          >
            <option value="">any</option>
            {giftCardStates.map((s) => (
              <option key={s} value={s}>
                {stateLabel[s]}
              </option>
            ))}
          </select>
        </label>
      </form>
      <ErrorText message={list.error} />
      {list.data !== null &&
        (list.data.cards.length === 0 ? (
          <p className="muted">No gift cards match.</p>
        ) : (
          <>
            <GiftCardTable cards={list.data.cards} />
            {list.data.cards.length >= 50 && (
              <p className="muted">The first 50 are shown: type more digits to narrow the list.</p>
            )}
          </>
        ))}
      <section className="panel">
        <AddRangeForm onAdded={list.reload} />
      </section>
      <section className="panel">
        <ImportForm onImported={list.reload} />
      </section>
    </div>
  );
}
