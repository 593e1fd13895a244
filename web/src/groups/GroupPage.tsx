import { useState } from 'react';
import { ErrorText } from '../common/ErrorText.tsx';
import { formatDateTime } from '../common/format.ts';
import { describeGroupRule, groupBenefits } from '../common/loyalty-format.ts';
import { useLoad } from '../common/use-load.ts';
import { useShopCurrency } from '../common/use-shop-currency.ts';
import { loyaltyApi } from '../loyalty-api.ts';
import { useCan } from '../session.ts';
import { GroupForm } from './GroupForm.tsx';
import { GroupMembers } from './GroupMembers.tsx';

/** One group: what it is, its members; change it (group.manage). */
export function GroupPage({ id }: { id: string }) {
  const can = useCan();
  const loaded = useLoad(loyaltyApi.groups);
  const currency = useShopCurrency();
  const [note, setNote] = useState<string | null>(null);
  const group = loaded.data?.groups.find((row) => row.id === id) ?? null;
  if (group === null) {
    return loaded.data !== null ? (
      <p className="page-message">
        No such group. <a href="#/groups">Back to the groups</a>
      </p>
    ) : loaded.error !== null ? (
      <ErrorText message={loaded.error} />
    ) : (
      <p className="page-message">Loading…</p>
    );
  }
  return (
    <div className="stack" data-testid="group-page">
      <p>
        <a href="#/groups">← Groups</a>
      </p>
      <h1 data-testid="group-title">
        {group.name} {!group.active && <span className="badge">inactive</span>}
      </h1>
      {note !== null && (
        <p className="note" role="status" data-testid="group-note">
          {note}
        </p>
      )}
      <section className="panel">
        <dl className="facts">
          <div className="fact">
            <dt>Members join</dt>
            <dd>{describeGroupRule(group.rule, currency)}</dd>
          </div>
          <div className="fact">
            <dt>Members get</dt>
            <dd data-testid="group-benefits">{groupBenefits(group)}</dd>
          </div>
          <div className="fact">
            <dt>Members</dt>
            <dd data-testid="group-member-count">{group.members}</dd>
          </div>
          {group.kind === 'rule' && (
            <div className="fact">
              <dt>Brought up to date</dt>
              <dd>{formatDateTime(group.recomputedAt)}</dd>
            </div>
          )}
        </dl>
      </section>
      <GroupMembers group={group} onChanged={loaded.reload} />
      {can('group.manage') && (
        <section className="panel">
          <GroupForm
            key={group.id}
            group={group}
            currency={currency}
            onSaved={(saved) => {
              setNote(`Saved “${saved.name}”.`);
              loaded.reload();
            }}
          />
        </section>
      )}
    </div>
  );
}
