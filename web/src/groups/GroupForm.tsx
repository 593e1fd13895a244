import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import { loyaltyApi } from '../loyalty-api.ts';
import type { Group, GroupBody } from '@contract/customers.ts';
import { groupToFields, readGroupFields, type GroupFields } from './group-fields.ts';

type Props = {
  /** Null: a new group. */
  group: Group | null;
  currency: string;
  onSaved: (group: Group) => void;
  onCancel?: () => void;
};

/**
 * A group or tier: members added by hand, or by a rule (spent so much in so many months,
 * or so many visits in so many days); what members get (a discount, more points).
 */
export function GroupForm({ group, currency, onSaved, onCancel }: Props) {
  const [fields, setFields] = useState<GroupFields>(() => groupToFields(group, currency));
  const [problem, setProblem] = useState<string | null>(null);
  const once = useSubmitOnce((body: GroupBody) => loyaltyApi.saveGroup(group?.id ?? null, body));
  const busy = once.busy;
  const input = (
    key: Exclude<keyof GroupFields, 'kind' | 'ruleType' | 'active'>,
    testId: string,
  ) => ({
    'data-testid': testId,
    autoComplete: 'off',
    value: fields[key],
    onChange: (event: { target: { value: string } }) =>
      setFields((now) => ({ ...now, [key]: event.target.value })),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const read = readGroupFields(fields, currency);
    setProblem(read.ok ? null : read.message);
    if (!read.ok) return;
    void once.submit(read.body).then((answer) => {
      if (answer.ok) onSaved(answer.value.group);
      else if (answer.error !== null) setProblem(errorMessage(answer.error));
    });
  };

  return (
    <form className="stack" data-testid="group-form" onSubmit={submit}>
      <h2>{group === null ? 'New group' : 'Change the group'}</h2>
      <div className="row">
        <label className="grow">
          Name
          <input maxLength={60} placeholder="e.g. VIP" {...input('name', 'group-name')} />
        </label>
        <label>
          Members
          <select
            data-testid="group-kind"
            value={fields.kind}
            onChange={(e) =>
              setFields((now) => ({ ...now, kind: e.target.value === 'rule' ? 'rule' : 'manual' }))
            }
          >
            <option value="manual">added by hand</option>
            <option value="rule">join by a rule</option>
          </select>
        </label>
      </div>
      {fields.kind === 'rule' && (
        <div className="row" data-testid="group-rule">
          <label>
            Rule
            <select
              data-testid="group-rule-type"
              value={fields.ruleType}
              onChange={(e) =>
                setFields((now) => ({
                  ...now,
                  ruleType: e.target.value === 'visits' ? 'visits' : 'spend',
                }))
              }
            >
              <option value="spend">spent at least…</option>
              <option value="visits">visited at least…</option>
            </select>
          </label>
          {fields.ruleType === 'spend' ? (
            <>
              <label>
                Spend ({currency})
                <input
                  inputMode="decimal"
                  placeholder="500.00"
                  {...input('minSpend', 'group-min-spend')}
                />
              </label>
              <label>
                in the last (months)
                <input inputMode="numeric" {...input('months', 'group-months')} />
              </label>
            </>
          ) : (
            <>
              <label>
                Visits
                <input
                  inputMode="numeric"
                  placeholder="4"
                  {...input('minVisits', 'group-min-visits')}
                />
              </label>
              <label>
                in the last (days)
                <input inputMode="numeric" {...input('days', 'group-days')} />
              </label>
            </>
          )}
        </div>
      )}
      <div className="row">
        <label>
          Discount at the till (%)
          <input inputMode="decimal" {...input('discount', 'group-discount')} />
        </label>
        <label>
          Points × (1 = normal, 1.5 = half as many again)
          <input inputMode="decimal" {...input('multiplier', 'group-multiplier')} />
        </label>
        <label className="check">
          <input
            type="checkbox"
            data-testid="group-active"
            checked={fields.active}
            onChange={(e) => setFields((now) => ({ ...now, active: e.target.checked }))}
          />{' '}
          Active
        </label>
      </div>
      <ErrorText message={problem} testId="group-error" />
      <div className="row">
        <button type="submit" className="primary" data-testid="group-save" disabled={busy}>
          {busy ? 'Saving…' : 'Save group'}
        </button>
        {onCancel !== undefined && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
