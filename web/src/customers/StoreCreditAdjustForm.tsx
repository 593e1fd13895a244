import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { errorMessage, fieldError } from '../api-error.ts';
import { cardNumberMessage } from '../common/card-guard.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { formatMoney, parseSignedAmount } from '../common/money.ts';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import type { StoreCreditAdjustmentBody } from '@contract/stored-value.ts';

type Props = { customerId: string; currency: string; onAdjusted: (message: string) => void };

type Expiry = 'default' | 'never' | 'date';

/**
 * A supervisor gives credit (goodwill) or takes it away, always with a reason. Given credit
 * expires as the shop's settings say, never, or on a chosen day.
 */
export function StoreCreditAdjustForm({ customerId, currency: initial, onAdjusted }: Props) {
  const once = useSubmitOnce((body: StoreCreditAdjustmentBody, key: string) =>
    api.adjustStoreCredit(customerId, body, key),
  );
  const [currency, setCurrency] = useState(initial);
  const [amountText, setAmountText] = useState('');
  const [reason, setReason] = useState('');
  const [expiry, setExpiry] = useState<Expiry>('default');
  const [date, setDate] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const code = currency.trim().toUpperCase();
    const amount = parseSignedAmount(amountText, code);
    const why = reason.trim();
    const refusal = !/^[A-Z]{3}$/.test(code)
      ? 'Currency is a three-letter code like GBP.'
      : amount === null || amount === 0
        ? 'Type the amount: 10.00 gives credit, -10.00 takes it away.'
        : why === ''
          ? 'Say why the credit changes.'
          : (cardNumberMessage(why, 'Reason') ??
            (expiry === 'date' && date === '' ? 'Choose the day the credit expires.' : null));
    setProblem(refusal);
    if (refusal !== null || amount === null) return;
    const expiresAt =
      expiry === 'never'
        ? null
        : expiry === 'date'
          ? new Date(`${date}T23:59:59`).toISOString()
          : undefined;
    const answer = await once.submit({
      currency: code,
      amount,
      reason: why,
      ...(expiresAt === undefined || amount < 0 ? {} : { expiresAt }),
    });
    if (!answer.ok) return;
    setAmountText('');
    setReason('');
    once.reset();
    onAdjusted(
      `${amount > 0 ? 'Gave' : 'Took'} ${formatMoney(Math.abs(amount), code)} store credit.`,
    );
  };

  const error = once.error;
  return (
    <form className="stack" data-testid="store-credit-adjust" onSubmit={(e) => void submit(e)}>
      <h3>Adjust store credit</h3>
      <div className="row">
        <label>
          Amount (−10.00 takes away)
          <input
            inputMode="decimal"
            autoComplete="off"
            placeholder="10.00"
            data-testid="store-credit-adjust-amount"
            value={amountText}
            onChange={(e) => setAmountText(e.target.value)}
          />
        </label>
        <label>
          Currency
          <input
            maxLength={3}
            size={4}
            autoComplete="off"
            data-testid="store-credit-adjust-currency"
            value={currency}
            onChange={(e) => setCurrency(e.target.value)}
          />
        </label>
        <label>
          Expires
          <select
            data-testid="store-credit-adjust-expiry"
            value={expiry}
            onChange={(e) => setExpiry(e.target.value as Expiry)}
          >
            <option value="default">as the shop’s settings say</option>
            <option value="never">never</option>
            <option value="date">on a day…</option>
          </select>
        </label>
        {expiry === 'date' && (
          <label>
            Expiry day
            <input
              type="date"
              data-testid="store-credit-adjust-date"
              value={date}
              onChange={(e) => setDate(e.target.value)}
            />
          </label>
        )}
      </div>
      <label>
        Reason
        <input
          autoComplete="off"
          maxLength={200}
          placeholder="e.g. goodwill for a late delivery"
          data-testid="store-credit-adjust-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      <ErrorText
        message={
          problem ?? fieldError(error, 'expiresAt') ?? (error === null ? null : errorMessage(error))
        }
        testId="store-credit-adjust-error"
      />
      <div className="row">
        <button
          type="submit"
          className="primary"
          data-testid="store-credit-adjust-submit"
          disabled={once.busy}
        >
          {once.busy ? 'Saving…' : 'Adjust'}
        </button>
      </div>
    </form>
  );
}
