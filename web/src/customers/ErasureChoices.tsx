import type { ErasureChoices as Choices, MoneyOwed } from '@domain/erasure.ts';
import { holdsCredit } from './erasure-form.ts';

type Props = { owed: MoneyOwed; choices: Choices; onChoose: (choices: Choices) => void };

/** What happens to what the customer still holds: asked only for what they hold. */
export function ErasureChoices({ owed, choices, onChoose }: Props) {
  return (
    <>
      {holdsCredit(owed) && (
        <fieldset>
          <legend>Store credit</legend>
          <label className="check">
            <input
              type="radio"
              name="erasure-store-credit"
              data-testid="erasure-credit-paid-out"
              checked={choices.storeCredit === 'paid_out'}
              onChange={() => onChoose({ ...choices, storeCredit: 'paid_out' })}
            />{' '}
            Paid out to the customer
          </label>
          <label className="check">
            <input
              type="radio"
              name="erasure-store-credit"
              data-testid="erasure-credit-forfeited"
              checked={choices.storeCredit === 'forfeited'}
              onChange={() => onChoose({ ...choices, storeCredit: 'forfeited' })}
            />{' '}
            Forfeited by the customer
          </label>
        </fieldset>
      )}
      {owed.points > 0 && (
        <fieldset>
          <legend>Points</legend>
          <label className="check">
            <input
              type="checkbox"
              data-testid="erasure-points-forfeited"
              checked={choices.points === 'forfeited'}
              onChange={(e) =>
                onChoose({ ...choices, points: e.target.checked ? 'forfeited' : undefined })
              }
            />{' '}
            Forfeited (points have no cash value)
          </label>
        </fieldset>
      )}
    </>
  );
}
