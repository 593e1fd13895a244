import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import { formatPercentBp, parsePercentBp, parsePoints } from '../common/loyalty-format.ts';
import { formatAmount, parseAmount } from '../common/money.ts';
import { loyaltyApi } from '../loyalty-api.ts';
import type { Reward, RewardBody, RewardKind } from '@contract/loyalty.ts';

type Props = {
  /** Null: a new reward. */
  reward: Reward | null;
  currency: string;
  onSaved: (message: string) => void;
  onCancel: () => void;
};

type Fields = { name: string; points: string; amount: string; percent: string; sku: string };

function readForm(
  fields: Fields,
  kind: RewardKind,
  active: boolean,
  currency: string,
): { ok: true; body: RewardBody } | { ok: false; message: string } {
  const name = fields.name.trim();
  const pointsCost = parsePoints(fields.points);
  const amount = kind === 'amount_off' ? parseAmount(fields.amount, currency) : null;
  const percentBp = kind === 'percent_off' ? parsePercentBp(fields.percent) : null;
  const productSku = kind === 'free_product' ? fields.sku.trim() : null;
  if (name === '')
    return { ok: false, message: 'Give the reward a name the cashier will read out.' };
  if (pointsCost === null || pointsCost < 1)
    return { ok: false, message: 'Type what it costs in points, 1 or more.' };
  if (kind === 'amount_off' && (amount === null || amount <= 0)) {
    return { ok: false, message: 'Type the amount off, like 5.00.' };
  }
  if (kind === 'percent_off' && (percentBp === null || percentBp < 1 || percentBp > 10_000)) {
    return { ok: false, message: 'Type the percentage off, from 0.01 to 100.' };
  }
  if (kind === 'free_product' && productSku === '')
    return { ok: false, message: 'Type the SKU of the free product.' };
  return { ok: true, body: { name, pointsCost, kind, amount, percentBp, productSku, active } };
}

/** What the points buy: an amount off, a percentage off, or one product free. */
export function RewardForm({ reward, currency, onSaved, onCancel }: Props) {
  const [kind, setKind] = useState<RewardKind>(reward?.kind ?? 'amount_off');
  const [active, setActive] = useState(reward?.active ?? true);
  const [fields, setFields] = useState<Fields>({
    name: reward?.name ?? '',
    points: reward ? String(reward.pointsCost) : '',
    amount: reward?.amount ? formatAmount(reward.amount, currency) : '',
    percent: reward?.percentBp ? formatPercentBp(reward.percentBp).replace('%', '') : '',
    sku: reward?.productSku ?? '',
  });
  const [problem, setProblem] = useState<string | null>(null);
  const once = useSubmitOnce((body: RewardBody) => loyaltyApi.saveReward(reward?.id ?? null, body));
  const busy = once.busy;
  const input = (key: keyof Fields, testId: string) => ({
    'data-testid': testId,
    autoComplete: 'off',
    value: fields[key],
    onChange: (event: { target: { value: string } }) =>
      setFields((now) => ({ ...now, [key]: event.target.value })),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const read = readForm(fields, kind, active, currency);
    setProblem(read.ok ? null : read.message);
    if (!read.ok) return;
    void once.submit(read.body).then((answer) => {
      if (answer.ok) onSaved(`Reward “${answer.value.reward.name}” saved.`);
      else if (answer.error !== null) setProblem(errorMessage(answer.error));
    });
  };

  return (
    <form className="stack" data-testid="reward-form" onSubmit={submit}>
      <h3>{reward === null ? 'New reward' : `Change “${reward.name}”`}</h3>
      <div className="row">
        <label className="grow">
          Name
          <input maxLength={80} placeholder="e.g. £5 off" {...input('name', 'reward-name')} />
        </label>
        <label>
          Costs (points)
          <input inputMode="numeric" {...input('points', 'reward-points')} />
        </label>
        <label>
          Gives
          <select
            data-testid="reward-kind"
            value={kind}
            onChange={(e) =>
              setKind(
                e.target.value === 'percent_off' || e.target.value === 'free_product'
                  ? e.target.value
                  : 'amount_off',
              )
            }
          >
            <option value="amount_off">an amount off</option>
            <option value="percent_off">a percentage off</option>
            <option value="free_product">one product free</option>
          </select>
        </label>
        {kind === 'amount_off' && (
          <label>
            Amount off ({currency})
            <input inputMode="decimal" placeholder="5.00" {...input('amount', 'reward-amount')} />
          </label>
        )}
        {kind === 'percent_off' && (
          <label>
            Percent off (%)
            <input inputMode="decimal" placeholder="10" {...input('percent', 'reward-percent')} />
          </label>
        )}
        {kind === 'free_product' && (
          <label>
            Product SKU
            <input maxLength={40} spellCheck={false} {...input('sku', 'reward-sku')} />
          </label>
        )}
        <label className="check">
          <input
            type="checkbox"
            data-testid="reward-active"
            checked={active}
            onChange={(e) => setActive(e.target.checked)}
          />{' '}
          Offered
        </label>
      </div>
      <ErrorText message={problem} testId="reward-error" />
      <div className="row">
        <button type="submit" className="primary" data-testid="reward-save" disabled={busy}>
          {busy ? 'Saving…' : 'Save reward'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
