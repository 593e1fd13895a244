import { useCallback, useEffect } from 'react';
import { ErrorText } from '../common/ErrorText.tsx';
import { useLoad } from '../common/use-load.ts';
import { useShopCurrency } from '../common/use-shop-currency.ts';
import { BonusPointsButton } from '../loyalty/BonusPointsButton.tsx';
import { LoyaltyBanner } from '../loyalty/LoyaltyBanner.tsx';
import { onLoyaltyChange } from '../loyalty/loyalty-changes.ts';
import { expiryLine } from '../loyalty/points-event-details.ts';
import { useCustomerLoyalty } from '../loyalty/use-customer-loyalty.ts';
import { loyaltyApi } from '../loyalty-api.ts';
import { PointsExplanation } from './PointsExplanation.tsx';
import { PointsLog } from './PointsLog.tsx';

type Props = { customer: { id: string; name: string }; active: boolean };

/**
 * The customer's points on the profile: balance, what expires when, groups, rewards in
 * reach; how the balance came about (totals by kind) and the full points log.
 */
export function LoyaltySection({ customer, active }: Props) {
  const currency = useShopCurrency();
  const summary = useCustomerLoyalty(customer.id);
  const loader = useCallback(() => loyaltyApi.events(customer.id), [customer.id]);
  const log = useLoad(loader);
  const { reload } = log;
  useEffect(
    () =>
      onLoyaltyChange((changed) => {
        if (changed === customer.id) reload();
      }),
    [customer.id, reload],
  );
  const data = summary.data;
  return (
    <section className="panel stack" data-testid="loyalty-section">
      <h2>Loyalty points</h2>
      <ErrorText message={summary.error ?? log.error} />
      {data !== null && (
        <LoyaltyBanner summary={data} currency={currency} testId="profile-loyalty" />
      )}
      {data !== null && data.expiring.length > 0 && (
        <ul className="plain" data-testid="profile-loyalty-expiring">
          {data.expiring.map((lot) => (
            <li key={`${lot.expiresAt}-${lot.points}`}>{expiryLine(lot)}</li>
          ))}
        </ul>
      )}
      {active && <BonusPointsButton customer={customer} />}
      {log.data !== null && (
        <>
          <h3>How the balance came about</h3>
          <PointsExplanation explained={log.data} />
          {log.data.events.length > 0 && <h3>Points log</h3>}
          <PointsLog events={log.data.events} currency={currency} />
        </>
      )}
    </section>
  );
}
