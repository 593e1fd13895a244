import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import { defaultCurrency } from '../common/money.ts';
import type { GiftCardRangeBody } from '@contract/stored-value.ts';
import { groupedNumber } from './gift-card-words.ts';

/**
 * Registers a box of pre-printed cards: numbers are the prefix, a serial and a check digit.
 * They wait, not sold, until a till scans one and activates it with the amount paid.
 */
export function AddRangeForm({ onAdded }: { onAdded: () => void }) {
  const [fields, setFields] = useState({
    prefix: '',
    first: '1',
    count: '100',
    currency: defaultCurrency,
    label: '',
  });
  const once = useSubmitOnce((range: GiftCardRangeBody) => api.addGiftCardRange(range));
  const busy = once.busy;
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const set = (key: keyof typeof fields) => (event: { target: { value: string } }) =>
    setFields((current) => ({ ...current, [key]: event.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const first = Number(fields.first);
    const count = Number(fields.count);
    const problem = !/^\d{1,6}$/.test(fields.prefix)
      ? 'The prefix is 1–6 digits printed at the start of every card number.'
      : !Number.isInteger(first) || first < 0
        ? 'The first serial is a whole number, 0 or more.'
        : !Number.isInteger(count) || count < 1 || count > 100_000
          ? 'Add from 1 to 100000 cards at a time.'
          : fields.label.trim() === ''
            ? 'Give the batch a label, like “Christmas 2026”.'
            : null;
    setError(problem);
    setDone(null);
    if (problem !== null) return;
    const answer = await once.submit({
      prefix: fields.prefix,
      first,
      count,
      currency: fields.currency.trim().toUpperCase(),
      label: fields.label.trim(),
    });
    if (!answer.ok) {
      if (answer.error !== null) setError(errorMessage(answer.error));
      return;
    }
    const range = answer.value;
    setDone(
      `Added ${range.added} cards, ${groupedNumber(range.firstNumber)} to ${groupedNumber(range.lastNumber)}` +
        (range.skipped > 0 ? ` (${range.skipped} were already there).` : '.'),
    );
    onAdded();
  };

  return (
    <form className="stack" data-testid="gift-card-range" onSubmit={(e) => void submit(e)}>
      <h2>Add pre-printed cards</h2>
      <div className="row">
        <label>
          Prefix
          <input
            data-testid="gift-card-range-prefix"
            inputMode="numeric"
            maxLength={6}
            value={fields.prefix}
            onChange={set('prefix')}
          />
        </label>
        <label>
          First serial
          <input
            data-testid="gift-card-range-first"
            inputMode="numeric"
            value={fields.first}
            onChange={set('first')}
          />
        </label>
        <label>
          How many
          <input
            data-testid="gift-card-range-count"
            inputMode="numeric"
            value={fields.count}
            onChange={set('count')}
          />
        </label>
        <label>
          Currency
          <input
            maxLength={3}
            size={4}
            data-testid="gift-card-range-currency"
            value={fields.currency}
            onChange={set('currency')}
          />
        </label>
        <label className="grow">
          Batch label
          <input
            maxLength={60}
            data-testid="gift-card-range-label"
            value={fields.label}
            onChange={set('label')}
          />
        </label>
      </div>
      <ErrorText message={error} testId="gift-card-range-error" />
      {done !== null && (
        <p className="note" role="status" data-testid="gift-card-range-done">
          {done}
        </p>
      )}
      <div className="row">
        <button
          type="submit"
          className="primary"
          data-testid="gift-card-range-submit"
          disabled={busy}
        >
          Add cards
        </button>
      </div>
    </form>
  );
}
