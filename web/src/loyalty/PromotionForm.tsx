import { useState, type FormEvent } from 'react';
import { errorMessage, fieldError } from '../api-error.ts';
import { fromLocalInput, toLocalInput } from '../common/datetime-input.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import { splitList } from '../common/format.ts';
import { formatMultiplierBp, parseMultiplierBp, parsePoints } from '../common/loyalty-format.ts';
import { formatAmount, parseAmount } from '../common/money.ts';
import { loyaltyApi } from '../loyalty-api.ts';
import type { Promotion, PromotionBody, PromotionKind } from '@contract/loyalty.ts';

type Props = {
  /** Null: a new promotion. */
  promotion: Promotion | null;
  currency: string;
  onSaved: (message: string) => void;
  onCancel: () => void;
};

/** Checks the typed promotion; a message naming what to fix, or the body to send. */
function readForm(
  fields: Record<string, string>,
  kind: PromotionKind,
  active: boolean,
  currency: string,
): { ok: true; body: PromotionBody } | { ok: false; message: string } {
  const multiplierBp = kind === 'multiplier' ? parseMultiplierBp(fields.multiplier ?? '') : null;
  const bonusPoints = kind === 'bonus' ? parsePoints(fields.bonus ?? '') : null;
  const minSpend = parseAmount(fields.minSpend ?? '', currency);
  const startsAt = fromLocalInput(fields.startsAt ?? '');
  const endsAt = fromLocalInput(fields.endsAt ?? '');
  const name = (fields.name ?? '').trim();
  if (name === '') return { ok: false, message: 'Give the promotion a name.' };
  if (
    kind === 'multiplier' &&
    (multiplierBp === null || multiplierBp <= 10_000 || multiplierBp > 100_000)
  ) {
    return {
      ok: false,
      message: 'The multiplier is more than 1 and at most 10, like 2 for double points.',
    };
  }
  if (kind === 'bonus' && (bonusPoints === null || bonusPoints < 1)) {
    return { ok: false, message: 'Type the bonus points, 1 or more.' };
  }
  if (minSpend === null)
    return { ok: false, message: 'Minimum spend is an amount like 50.00, or empty.' };
  if (startsAt === null || endsAt === null)
    return { ok: false, message: 'Choose when it starts and ends.' };
  if (endsAt <= startsAt) return { ok: false, message: 'It must end after it starts.' };
  return {
    ok: true,
    body: {
      name,
      kind,
      multiplierBp,
      bonusPoints,
      categories: splitList(fields.categories ?? ''),
      minSpend,
      startsAt,
      endsAt,
      active,
    },
  };
}

/** A time-limited boost: more points per purchase (×2) or a fixed bonus per purchase. */
export function PromotionForm({ promotion, currency, onSaved, onCancel }: Props) {
  const [kind, setKind] = useState<PromotionKind>(promotion?.kind ?? 'multiplier');
  const [active, setActive] = useState(promotion?.active ?? true);
  const [fields, setFields] = useState<Record<string, string>>({
    name: promotion?.name ?? '',
    multiplier: promotion?.multiplierBp ? formatMultiplierBp(promotion.multiplierBp).slice(1) : '2',
    bonus: promotion?.bonusPoints ? String(promotion.bonusPoints) : '',
    categories: promotion?.categories.join(', ') ?? '',
    minSpend: promotion && promotion.minSpend > 0 ? formatAmount(promotion.minSpend, currency) : '',
    startsAt: toLocalInput(promotion?.startsAt),
    endsAt: toLocalInput(promotion?.endsAt),
  });
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const once = useSubmitOnce((body: PromotionBody) =>
    loyaltyApi.savePromotion(promotion?.id ?? null, body),
  );
  const busy = once.busy;
  const input = (key: string, testId: string) => ({
    'data-testid': testId,
    autoComplete: 'off',
    value: fields[key] ?? '',
    onChange: (event: { target: { value: string } }) =>
      setFields((now) => ({ ...now, [key]: event.target.value })),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const read = readForm(fields, kind, active, currency);
    setError(null);
    setProblem(read.ok ? null : read.message);
    if (!read.ok) return;
    void once.submit(read.body).then((answer) => {
      if (answer.ok) onSaved(`Promotion “${answer.value.promotion.name}” saved.`);
      else if (answer.error !== null) setError(answer.error);
    });
  };

  return (
    <form className="stack" data-testid="promotion-form" onSubmit={submit}>
      <h3>{promotion === null ? 'New promotion' : `Change “${promotion.name}”`}</h3>
      <div className="row">
        <label className="grow">
          Name
          <input maxLength={80} {...input('name', 'promotion-name')} />
        </label>
        <label>
          Gives
          <select
            data-testid="promotion-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value === 'bonus' ? 'bonus' : 'multiplier')}
          >
            <option value="multiplier">more points per purchase (×)</option>
            <option value="bonus">bonus points per purchase</option>
          </select>
        </label>
        {kind === 'multiplier' ? (
          <label>
            Points × (2 = double)
            <input inputMode="decimal" {...input('multiplier', 'promotion-multiplier')} />
          </label>
        ) : (
          <label>
            Bonus points
            <input inputMode="numeric" {...input('bonus', 'promotion-bonus')} />
          </label>
        )}
      </div>
      <div className="row">
        <label className="grow">
          Only on categories (comma-separated; empty: all)
          <input {...input('categories', 'promotion-categories')} />
        </label>
        <label>
          Minimum spend ({currency})
          <input
            inputMode="decimal"
            placeholder="none"
            {...input('minSpend', 'promotion-min-spend')}
          />
        </label>
      </div>
      <div className="row">
        <label>
          Starts
          <input type="datetime-local" {...input('startsAt', 'promotion-starts')} />
        </label>
        <label>
          Ends
          <input type="datetime-local" {...input('endsAt', 'promotion-ends')} />
        </label>
        <label className="check">
          <input
            type="checkbox"
            data-testid="promotion-active"
            checked={active}
            onChange={(e) => setActive(e.target.checked)}
          />{' '}
          On
        </label>
      </div>
      <ErrorText
        message={
          problem ??
          (error === null ? null : (fieldError(error, 'multiplierBp') ?? errorMessage(error)))
        }
        testId="promotion-error"
      />
      <div className="row">
        <button type="submit" className="primary" data-testid="promotion-save" disabled={busy}>
          {busy ? 'Saving…' : 'Save promotion'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
