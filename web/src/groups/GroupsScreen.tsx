import { useState } from 'react';
import { ErrorText } from '../common/ErrorText.tsx';
import { useLoad } from '../common/use-load.ts';
import { useShopCurrency } from '../common/use-shop-currency.ts';
import { loyaltyApi } from '../loyalty-api.ts';
import { groupHref, navigate } from '../router.ts';
import { useCan } from '../session.ts';
import { GroupForm } from './GroupForm.tsx';
import { GroupTable } from './GroupTable.tsx';
import { RecomputeButton } from './RecomputeButton.tsx';

/** Back office: customer groups and tiers; add one, bring rule-based ones up to date. */
export function GroupsScreen() {
  const can = useCan();
  const loaded = useLoad(loyaltyApi.groups);
  const currency = useShopCurrency();
  const [adding, setAdding] = useState(false);
  const manage = can('group.manage');
  const groups = loaded.data?.groups ?? null;
  return (
    <div className="stack" data-testid="groups-screen">
      <h1>Customer groups</h1>
      <p className="muted">
        Members get the group’s discount at the till and earn its extra points; a customer in
        several groups gets the best of each.
      </p>
      <ErrorText message={loaded.error} />
      {groups !== null &&
        (groups.length === 0 ? (
          <p className="muted">No groups yet.</p>
        ) : (
          <GroupTable groups={groups} currency={currency} />
        ))}
      {manage && <RecomputeButton onDone={loaded.reload} />}
      {manage && (
        <section className="panel">
          {adding ? (
            <GroupForm
              group={null}
              currency={currency}
              onSaved={(group) => navigate(groupHref(group.id))}
              onCancel={() => setAdding(false)}
            />
          ) : (
            <button type="button" data-testid="group-new" onClick={() => setAdding(true)}>
              New group
            </button>
          )}
        </section>
      )}
    </div>
  );
}
