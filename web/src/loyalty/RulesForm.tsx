import { useState, type FormEvent } from 'react';
import { errorMessage, fieldError } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import { loyaltyApi } from '../loyalty-api.ts';
import type { LoyaltyRules } from '@contract/loyalty.ts';
import { CategoryMultipliers } from './CategoryMultipliers.tsx';
import { fieldsToRules, rulesChange, rulesToFields, type RulesFields } from './rules-fields.ts';

type Props = {
  current: { version: number | null; rules: LoyaltyRules };
  currency: string;
  onSaved: (message: string) => void;
};

/**
 * How points are earned and kept. Saving never edits the rules in force: it adds a new
 * version, from now or from a chosen moment, so every sale keeps the points it earned.
 */
export function RulesForm({ current, currency, onSaved }: Props) {
  const [fields, setFields] = useState<RulesFields>(() => rulesToFields(current.rules, currency));
  const [problem, setProblem] = useState<{ field: string; message: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const once = useSubmitOnce(loyaltyApi.changeRules);
  const busy = once.busy;
  const set = <K extends keyof RulesFields>(key: K, value: RulesFields[K]) =>
    setFields((now) => ({ ...now, [key]: value }));
  const text = (key: 'spendPerPoint' | 'excludedCategories' | 'signupBonus' | 'expiryMonths') =>
    ({
      value: fields[key],
      onChange: (event: { target: { value: string } }) => set(key, event.target.value),
    }) as const;
  const messageFor = (field: string) =>
    (problem?.field === field ? problem.message : null) ?? fieldError(error, field);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = fieldsToRules(fields, currency);
    setError(null);
    if (!checked.ok) return setProblem(checked);
    const body = rulesChange(current, checked.rules, checked.effectiveFrom);
    if (body === null) return setProblem({ field: '', message: 'Nothing has changed.' });
    setProblem(null);
    void once.submit(body).then((answer) => {
      if (!answer.ok) {
        if (answer.error !== null) setError(answer.error);
        return;
      }
      const { version } = answer.value;
      onSaved(
        checked.effectiveFrom === null
          ? `Saved as version ${version}, in force now.`
          : `Saved as version ${version}, in force from ${new Date(checked.effectiveFrom).toLocaleString()}.`,
      );
    });
  };

  const named = [
    'spendPerPoint',
    'categoryMultipliers',
    'signupBonus',
    'expiryMonths',
    'effectiveFrom',
  ];
  const general =
    (problem !== null && !named.includes(problem.field) ? problem.message : null) ??
    (error !== null && !named.some((field) => fieldError(error, field))
      ? errorMessage(error)
      : null);
  return (
    <form className="stack" data-testid="rules-form" onSubmit={submit}>
      <h2>How points are earned</h2>
      <label className="check">
        <input
          type="checkbox"
          data-testid="rules-enabled"
          checked={fields.enabled}
          onChange={(e) => set('enabled', e.target.checked)}
        />{' '}
        Programme on (customers earn points and can redeem rewards)
      </label>
      <div className="row">
        <label>
          Spend for 1 point ({currency})
          <input
            inputMode="decimal"
            autoComplete="off"
            data-testid="rules-spend"
            {...text('spendPerPoint')}
          />
        </label>
        <label>
          Points count on
          <select
            data-testid="rules-earn-on"
            value={fields.earnOn}
            onChange={(e) => set('earnOn', e.target.value === 'net' ? 'net' : 'gross')}
          >
            <option value="gross">the price paid, tax included</option>
            <option value="net">the price without tax (net)</option>
          </select>
        </label>
        <label>
          Points for joining
          <input
            inputMode="numeric"
            autoComplete="off"
            data-testid="rules-signup"
            {...text('signupBonus')}
          />
        </label>
        <label>
          Points expire after (months)
          <input
            inputMode="numeric"
            autoComplete="off"
            placeholder="never"
            data-testid="rules-expiry"
            {...text('expiryMonths')}
          />
        </label>
      </div>
      <ErrorText
        message={
          messageFor('spendPerPoint') ?? messageFor('signupBonus') ?? messageFor('expiryMonths')
        }
      />
      <label>
        Categories that earn nothing (comma-separated)
        <input autoComplete="off" data-testid="rules-excluded" {...text('excludedCategories')} />
      </label>
      <CategoryMultipliers
        rows={fields.multipliers}
        onChange={(rows) => set('multipliers', rows)}
      />
      <ErrorText message={messageFor('categoryMultipliers')} />
      <label className="check">
        <input
          type="checkbox"
          data-testid="rules-negative"
          checked={fields.allowNegativeBalance}
          onChange={(e) => set('allowNegativeBalance', e.target.checked)}
        />{' '}
        A return may take the balance below zero (points already spent are owed back)
      </label>
      <label>
        In force from (empty: now)
        <input
          type="datetime-local"
          data-testid="rules-effective-from"
          value={fields.effectiveFrom}
          onChange={(e) => set('effectiveFrom', e.target.value)}
        />
      </label>
      <ErrorText message={messageFor('effectiveFrom')} />
      <ErrorText message={general} testId="rules-error" />
      <div className="row">
        <button type="submit" className="primary" data-testid="rules-save" disabled={busy}>
          {busy ? 'Saving…' : 'Save as a new version'}
        </button>
      </div>
    </form>
  );
}
