import { useState } from 'react';
import { formatDateTime } from '../common/format.ts';
import { formatMoney } from '../common/money.ts';
import type { Promotion } from '@contract/loyalty.ts';
import { PromotionForm } from './PromotionForm.tsx';
import { promotionBenefit, promotionStatus } from './promotion-words.ts';

type Props = {
  promotions: readonly Promotion[];
  currency: string;
  onSaved: (message: string) => void;
};

/** Promotions: what each gives, on what, when; add one or change one. */
export function PromotionsSection({ promotions, currency, onSaved }: Props) {
  // 'new', a promotion's id, or null: which form is open.
  const [editing, setEditing] = useState<string | null>(null);
  const saved = (message: string) => {
    setEditing(null);
    onSaved(message);
  };
  const chosen = promotions.find((promotion) => promotion.id === editing) ?? null;
  return (
    <section className="panel stack" data-testid="promotions">
      <h2>Promotions</h2>
      {promotions.length === 0 ? (
        <p className="muted">No promotions yet.</p>
      ) : (
        <table className="table compact" data-testid="promotion-list">
          <thead>
            <tr>
              <th>Name</th>
              <th>Gives</th>
              <th>On</th>
              <th className="num">Minimum spend</th>
              <th>From</th>
              <th>Until</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {promotions.map((promotion) => (
              <tr
                key={promotion.id}
                data-testid="promotion-row"
                className={promotion.active ? undefined : 'inactive'}
              >
                <td>{promotion.name}</td>
                <td>{promotionBenefit(promotion)}</td>
                <td>
                  {promotion.categories.length === 0
                    ? 'everything'
                    : promotion.categories.join(', ')}
                </td>
                <td className="num">
                  {promotion.minSpend > 0 ? formatMoney(promotion.minSpend, currency) : ''}
                </td>
                <td className="nowrap">{formatDateTime(promotion.startsAt)}</td>
                <td className="nowrap">{formatDateTime(promotion.endsAt)}</td>
                <td>{promotionStatus(promotion)}</td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    data-testid="promotion-edit"
                    onClick={() => setEditing(promotion.id)}
                  >
                    Change
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing === null ? (
        <div className="row">
          <button type="button" data-testid="promotion-new" onClick={() => setEditing('new')}>
            New promotion
          </button>
        </div>
      ) : (
        <PromotionForm
          key={editing}
          promotion={chosen}
          currency={currency}
          onSaved={saved}
          onCancel={() => setEditing(null)}
        />
      )}
    </section>
  );
}
