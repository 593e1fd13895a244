import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { formatDate } from '../common/format.ts';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import { useCan } from '../session.ts';
import type { Customer } from '@contract/customers.ts';

type Props = { customer: Customer; onChanged: (customer: Customer) => void };

/** A card linked to the customer, or one put in place of a lost one. */
type CardChange = { replacing: string | null; card: string };

/** Physical cards: link a pre-printed card by scanning it, replace a lost one (F2). */
export function CardsSection({ customer, onChanged }: Props) {
  const can = useCan();
  const [newCard, setNewCard] = useState('');
  const [replacing, setReplacing] = useState<string | null>(null);
  const [replacement, setReplacement] = useState('');
  const [error, setError] = useState<string | null>(null);
  const once = useSubmitOnce((change: CardChange) =>
    change.replacing === null
      ? api.linkCard(customer.id, change.card)
      : api.replaceCard(customer.id, change.replacing, change.card),
  );
  const busy = once.busy;

  const run = async (change: CardChange, done: () => void) => {
    setError(null);
    const answer = await once.submit(change);
    if (answer.ok) {
      onChanged(answer.value.customer);
      done();
    } else if (answer.error !== null) setError(errorMessage(answer.error));
  };

  const link = (event: FormEvent) => {
    event.preventDefault();
    if (newCard.trim() === '') return;
    void run({ replacing: null, card: newCard.trim() }, () => setNewCard(''));
  };

  const replace = (event: FormEvent) => {
    event.preventDefault();
    if (replacing === null || replacement.trim() === '') return;
    void run({ replacing, card: replacement.trim() }, () => {
      setReplacing(null);
      setReplacement('');
    });
  };

  const mayLink = can('card.link') && customer.status === 'active';
  return (
    <section className="panel">
      <h2>Cards</h2>
      {customer.cards.length === 0 && <p className="muted">No card linked.</p>}
      <ul className="plain" data-testid="cards">
        {customer.cards.map((card) => (
          <li key={card.number}>
            <span className="mono">{card.number}</span>{' '}
            <span className={card.status === 'active' ? 'badge ok' : 'badge'}>{card.status}</span>{' '}
            <span className="muted">
              linked {formatDate(card.linkedAt)}
              {card.replacedBy ? `, replaced by ${card.replacedBy}` : ''}
            </span>{' '}
            {mayLink && card.status === 'active' && replacing !== card.number && (
              <button type="button" onClick={() => setReplacing(card.number)}>
                Replace lost card
              </button>
            )}
            {replacing === card.number && (
              <form className="row" onSubmit={replace}>
                <input
                  autoFocus
                  inputMode="numeric"
                  autoComplete="off"
                  placeholder="Scan the new card"
                  aria-label="New card number"
                  value={replacement}
                  onChange={(e) => setReplacement(e.target.value)}
                />
                <button type="submit" disabled={busy}>
                  Replace
                </button>
                <button type="button" onClick={() => setReplacing(null)}>
                  Cancel
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {mayLink && (
        <form className="row" onSubmit={link}>
          <input
            inputMode="numeric"
            autoComplete="off"
            placeholder="Scan or type a card number"
            aria-label="Card number to link"
            data-testid="link-card-input"
            value={newCard}
            onChange={(e) => setNewCard(e.target.value)}
          />
          <button type="submit" disabled={busy}>
            Link a card
          </button>
        </form>
      )}
      <ErrorText message={error} />
    </section>
  );
}
