import { ErrorText } from '../../common/ErrorText.tsx';
import { BonusPointsButton } from '../../loyalty/BonusPointsButton.tsx';
import { useCustomerLoyalty } from '../../loyalty/use-customer-loyalty.ts';
import { LoyaltyBanner, loyaltyWorthShowing } from '../../loyalty/LoyaltyBanner.tsx';

type Props = {
  customer: { id: string; name: string };
  currency: string;
  /** Bonus points only for an active customer. */
  active: boolean;
};

/** The customer panel's loyalty: points, groups, rewards in reach; bonus points. */
export function TillLoyalty({ customer, currency, active }: Props) {
  const { data, error } = useCustomerLoyalty(customer.id);
  if (data !== null && !loyaltyWorthShowing(data)) return null;
  return (
    <>
      <h3>Loyalty</h3>
      <ErrorText message={error} />
      {data === null ? (
        error === null && <p className="muted">Loading…</p>
      ) : (
        <LoyaltyBanner summary={data} currency={currency} testId="till-loyalty" />
      )}
      {active && <BonusPointsButton customer={customer} />}
    </>
  );
}
