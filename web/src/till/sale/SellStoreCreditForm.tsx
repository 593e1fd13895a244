import { useState, type FormEvent } from 'react';
import { ErrorText } from '../../common/ErrorText.tsx';
import { parseAmount } from '../../common/money.ts';
import type { ValueLine } from './value-lines.ts';

type Props = {
  currency: string;
  customerName: string;
  onAdd: (line: ValueLine) => void;
  onCancel: () => void;
};

/** Selling store credit to the sale's customer: the amount they pay for it. */
export function SellStoreCreditForm({ currency, customerName, onAdd, onCancel }: Props) {
  const [amountText, setAmountText] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const amount = parseAmount(amountText, currency);
    if (amount === null || amount === 0) {
      setError('Type the amount of store credit, like 20.00.');
      return;
    }
    onAdd({ kind: 'store_credit', amount });
  };

  return (
    <form className="stack warning" data-testid="sell-store-credit" onSubmit={submit}>
      <div className="row">
        <label>
          Store credit for {customerName}
          <input
            autoFocus
            inputMode="decimal"
            autoComplete="off"
            placeholder="0.00"
            data-testid="sell-store-credit-amount"
            value={amountText}
            onChange={(e) => setAmountText(e.target.value)}
          />
        </label>
        <button type="submit" className="primary" data-testid="sell-store-credit-add">
          Add store credit to sale
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <ErrorText message={error} testId="sell-store-credit-error" />
    </form>
  );
}
