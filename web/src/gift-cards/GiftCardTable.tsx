import { formatDate } from '../common/format.ts';
import { formatMoney } from '../common/money.ts';
import { giftCardHref, navigate } from '../router.ts';
import type { GiftCard } from '@contract/stored-value.ts';
import { groupedNumber, stateBadge, stateLabel } from './gift-card-words.ts';

/** Cards found: click a row to open the card with its activity. */
export function GiftCardTable({ cards }: { cards: readonly GiftCard[] }) {
  return (
    <table className="table" data-testid="gift-card-list">
      <thead>
        <tr>
          <th>Number</th>
          <th>State</th>
          <th className="num">Balance</th>
          <th>Batch</th>
          <th>Activated</th>
          <th>Expires</th>
        </tr>
      </thead>
      <tbody>
        {cards.map((card) => (
          <tr
            key={card.id}
            className="clickable"
            data-testid="gift-card-row"
            onClick={() => navigate(giftCardHref(card.id))}
          >
            <td className="mono">
              <a href={giftCardHref(card.id)}>{groupedNumber(card.number)}</a>
              {card.digital && <span className="badge"> digital</span>}
            </td>
            <td>
              <span className={stateBadge(card.state, card.expired)}>
                {card.expired ? 'expired' : stateLabel[card.state]}
              </span>
            </td>
            <td className="num">{formatMoney(card.balance, card.currency)}</td>
            <td>{card.batchLabel ?? ''}</td>
            <td className="nowrap">{formatDate(card.activatedAt)}</td>
            <td className="nowrap">
              {card.expiresAt === null ? 'never' : formatDate(card.expiresAt)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
