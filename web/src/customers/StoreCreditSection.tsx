import { useCallback, useState } from 'react';
import { api } from '../api.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { formatDate } from '../common/format.ts';
import { defaultCurrency, formatMoney } from '../common/money.ts';
import { useLoad } from '../common/use-load.ts';
import { useCan } from '../session.ts';
import { StoreCreditAdjustForm } from './StoreCreditAdjustForm.tsx';
import { StoreCreditLog } from './StoreCreditLog.tsx';

/** The customer's store credit: balance per currency, what expires when, the log; adjust. */
export function StoreCreditSection({
  customerId,
  active,
}: {
  customerId: string;
  active: boolean;
}) {
  const can = useCan();
  const loader = useCallback(() => api.storeCredit(customerId), [customerId]);
  const loaded = useLoad(loader);
  const [note, setNote] = useState<string | null>(null);
  const credit = loaded.data;

  return (
    <section className="panel stack" data-testid="store-credit">
      <h2>Store credit</h2>
      <ErrorText message={loaded.error} />
      {note !== null && (
        <p className="note" role="status" data-testid="store-credit-note">
          {note}
        </p>
      )}
      {credit !== null && credit.accounts.length === 0 && <p className="muted">No store credit.</p>}
      {credit?.accounts.map((account) => {
        const money = (amount: number) => formatMoney(amount, account.currency);
        return (
          <div key={account.currency} className="stack">
            <p className="change-due">
              Balance:{' '}
              <strong data-testid={`store-credit-balance-${account.currency}`}>
                {money(account.balance)}
              </strong>
              {account.spendable !== account.balance && (
                <span className="muted">
                  {' '}
                  · {money(account.spendable)} can be spent (the rest has expired)
                </span>
              )}
            </p>
            {account.expiring.length > 0 && (
              <ul className="plain" data-testid="store-credit-expiring">
                {account.expiring.map((lot) => (
                  <li key={`${lot.expiresAt}-${lot.amount}`}>
                    {money(lot.amount)} expires on {formatDate(lot.expiresAt)}
                  </li>
                ))}
              </ul>
            )}
          </div>
        );
      })}
      {credit !== null && <StoreCreditLog entries={credit.entries} />}
      {can('storecredit.adjust') && active && credit !== null && (
        <StoreCreditAdjustForm
          customerId={customerId}
          currency={credit.accounts[0]?.currency ?? defaultCurrency}
          onAdjusted={(message) => {
            setNote(message);
            loaded.reload();
          }}
        />
      )}
    </section>
  );
}
