import { useCallback } from 'react';
import { api } from '../api.ts';
import { useCustomerChanges } from '../common/customer-changes.ts';
import { formatMoney } from '../common/money.ts';
import { useLoad } from '../common/use-load.ts';

/** The customer's store credit at the till (nothing when they have none), kept current. */
export function TillStoreCredit({ customerId }: { customerId: string }) {
  const loader = useCallback(
    () => api.storeCredit(customerId).then((answer) => answer.accounts),
    [customerId],
  );
  const { data: accounts, reload } = useLoad(loader);
  useCustomerChanges(customerId, reload);
  const held = (accounts ?? []).filter((account) => account.spendable > 0);
  if (held.length === 0) return null;
  return (
    <>
      <h3>Store credit</h3>
      <p data-testid="till-store-credit">
        {held.map((account) => formatMoney(account.spendable, account.currency)).join(' · ')}
      </p>
    </>
  );
}
