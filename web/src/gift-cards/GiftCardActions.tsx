import { noMoney } from '@domain/units.ts';
import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import { cardNumberMessage } from '../common/card-guard.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { formatMoney, parseSignedAmount } from '../common/money.ts';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import { useCan } from '../session.ts';
import type { GiftCard, GiftCardActionBody } from '@contract/stored-value.ts';

type ActionName = GiftCardActionBody['action'];

const labels: Record<ActionName, string> = {
  block: 'Block (lost or stolen: it cannot pay until unblocked)',
  unblock: 'Unblock',
  deactivate: 'Deactivate (for good: the card can never be used again)',
  adjust: 'Adjust the balance',
  clear: 'Clear the balance to 0.00',
};

/** What may be done to a card in its state; moving money needs giftcard.adjust. */
function allowed(card: GiftCard, mayAdjust: boolean): ActionName[] {
  const money: ActionName[] = mayAdjust ? ['adjust', 'clear'] : [];
  switch (card.state) {
    case 'ACTIVE':
      return ['block', 'deactivate', ...money];
    case 'BLOCKED':
      return ['unblock', 'deactivate', ...money];
    case 'PENDING':
      return ['deactivate'];
    case 'DEACTIVATED':
      return [];
  }
}

type Props = { card: GiftCard; onChanged: (message: string) => void };

/** A manager's change to a card, always with a reason that goes into its activity log. */
export function GiftCardActions({ card, onChanged }: Props) {
  const can = useCan();
  const once = useSubmitOnce((body: GiftCardActionBody, key: string) =>
    api.giftCardAction(card.id, body, key),
  );
  const actions = allowed(card, can('giftcard.adjust'));
  const [action, setAction] = useState<ActionName | ''>('');
  const [amountText, setAmountText] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  if (actions.length === 0) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const why = reason.trim();
    const amount = parseSignedAmount(amountText, card.currency);
    const refusal =
      action === ''
        ? 'Choose what to do with the card.'
        : action === 'adjust' && (amount === null || amount === 0)
          ? 'Type the change: 5.00 adds, -5.00 takes off.'
          : why === ''
            ? 'Say why: the reason is kept with the card.'
            : cardNumberMessage(why, 'Reason');
    setProblem(refusal);
    if (refusal !== null || action === '') return;
    const body: GiftCardActionBody =
      action === 'adjust'
        ? { action, amount: amount ?? noMoney, reason: why }
        : { action, reason: why };
    const answer = await once.submit(body);
    if (!answer.ok) return;
    once.reset();
    setAction('');
    setAmountText('');
    setReason('');
    const { card: next } = answer.value;
    onChanged(
      `Done: the card is ${next.state.toLowerCase()} and holds ${formatMoney(next.balance, next.currency)}.`,
    );
  };

  const error = once.error;
  return (
    <form className="stack" data-testid="gift-card-actions" onSubmit={(e) => void submit(e)}>
      <h2>Change the card</h2>
      <div className="row">
        <label>
          Action
          <select
            data-testid="gift-card-action"
            value={action}
            onChange={(e) => setAction(actions.find((a) => a === e.target.value) ?? '')}
          >
            <option value="">Choose…</option>
            {actions.map((name) => (
              <option key={name} value={name}>
                {labels[name]}
              </option>
            ))}
          </select>
        </label>
        {action === 'adjust' && (
          <label>
            Change ({card.currency})
            <input
              inputMode="decimal"
              autoComplete="off"
              placeholder="5.00 or -5.00"
              data-testid="gift-card-action-amount"
              value={amountText}
              onChange={(e) => setAmountText(e.target.value)}
            />
          </label>
        )}
        <label className="grow">
          Reason
          <input
            autoComplete="off"
            maxLength={200}
            data-testid="gift-card-action-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
      </div>
      <ErrorText
        message={problem ?? (error === null ? null : errorMessage(error))}
        testId="gift-card-action-error"
      />
      <div className="row">
        <button
          type="submit"
          className={action === 'deactivate' || action === 'clear' ? 'danger' : 'primary'}
          data-testid="gift-card-action-submit"
          disabled={once.busy}
        >
          {once.busy ? 'Saving…' : 'Apply'}
        </button>
      </div>
    </form>
  );
}
