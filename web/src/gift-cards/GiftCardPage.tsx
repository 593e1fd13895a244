import { useCallback, useState } from 'react';
import { api } from '../api.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { formatDate, formatDateTime } from '../common/format.ts';
import { formatMoney } from '../common/money.ts';
import { useLoad } from '../common/use-load.ts';
import { GiftCardActions } from './GiftCardActions.tsx';
import { GiftCardActivityTable } from './GiftCardActivityTable.tsx';
import { GiftCardCustomer } from './GiftCardCustomer.tsx';
import { GiftCardEmailForm } from './GiftCardEmailForm.tsx';
import { groupedNumber, stateBadge, stateLabel } from './gift-card-words.ts';

/** One gift card in the back office: balance, state, owner, every change; block, adjust, send. */
export function GiftCardPage({ id }: { id: string }) {
  const loader = useCallback(() => api.giftCard(id), [id]);
  const loaded = useLoad(loader);
  const [note, setNote] = useState<string | null>(null);

  if (loaded.data === null) {
    return loaded.error !== null ? (
      <ErrorText message={loaded.error} />
    ) : (
      <p className="page-message">Loading…</p>
    );
  }
  const { card, activity } = loaded.data;
  const changed = (message: string) => {
    setNote(message);
    loaded.reload();
  };

  return (
    <div className="stack" data-testid="gift-card-page">
      <p>
        <a href="#/gift-cards">← Gift cards</a>
      </p>
      <h1>
        Gift card <span className="mono">{groupedNumber(card.number)}</span>
      </h1>
      {note !== null && (
        <p className="note" role="status" data-testid="gift-card-note">
          {note}
        </p>
      )}
      <section className="panel">
        <p className="change-due">
          Balance:{' '}
          <strong data-testid="gift-card-balance">
            {formatMoney(card.balance, card.currency)}
          </strong>{' '}
          <span className={stateBadge(card.state, card.expired)} data-testid="gift-card-state">
            {card.expired ? 'expired' : stateLabel[card.state]}
          </span>
        </p>
        <dl className="facts">
          <div className="fact">
            <dt>Kind</dt>
            <dd>{card.digital ? 'digital (emailed)' : 'pre-printed'}</dd>
          </div>
          <div className="fact">
            <dt>Batch</dt>
            <dd>{card.batchLabel ?? '—'}</dd>
          </div>
          <div className="fact">
            <dt>Activated</dt>
            <dd>{formatDateTime(card.activatedAt)}</dd>
          </div>
          <div className="fact">
            <dt>Expires</dt>
            <dd>{card.expiresAt === null ? 'never' : formatDate(card.expiresAt)}</dd>
          </div>
        </dl>
      </section>
      {card.state !== 'DEACTIVATED' && (
        <section className="panel">
          <GiftCardActions key={`${card.state}-${card.balance}`} card={card} onChanged={changed} />
        </section>
      )}
      <section className="panel">
        <GiftCardCustomer card={card} onChanged={changed} />
      </section>
      {card.state === 'ACTIVE' && (
        <section className="panel">
          <GiftCardEmailForm cardId={card.id} />
        </section>
      )}
      <section className="panel">
        <h2>Activity</h2>
        <GiftCardActivityTable activity={activity} currency={card.currency} />
      </section>
    </div>
  );
}
