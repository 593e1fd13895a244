import { formatPoints } from '../common/loyalty-format.ts';
import { formatMoney } from '../common/money.ts';
import { useCustomerLoyalty } from '../loyalty/use-customer-loyalty.ts';
import type { Sale } from '@contract/sales.ts';

type Props = {
  sale: Sale;
  /** Prefix of the data-testids. */
  testId: string;
  /** At the till: the customer's balance now, after this sale. */
  showBalance?: boolean;
};

/**
 * What loyalty did on a sale: the group discount and the reward (already in the lines'
 * discounts), the points spent on the reward and the points earned. On a return the
 * points go the other way.
 */
export function SaleLoyaltySummary({ sale, testId, showBalance = false }: Props) {
  const loyalty = sale.loyalty;
  const money = (amount: number) => formatMoney(-amount, sale.currency);
  const rows: { key: string; label: string; value: string }[] = [];
  // A return gives the discounts of the units it takes back back.
  const back = sale.kind === 'return' ? ' given back' : '';
  if (loyalty.groupDiscountTotal !== 0) {
    rows.push({
      key: 'group',
      label: `${loyalty.groupName ?? 'Group'} discount${back}`,
      value: money(loyalty.groupDiscountTotal),
    });
  }
  if (loyalty.rewardName !== null || loyalty.rewardDiscountTotal !== 0) {
    rows.push({
      key: 'reward',
      label: `Reward${back}: ${loyalty.rewardName ?? 'reward'}`,
      value: money(loyalty.rewardDiscountTotal),
    });
  }
  if (loyalty.pointsRedeemed !== 0) {
    rows.push({
      key: 'points-redeemed',
      label: loyalty.pointsRedeemed > 0 ? 'Points spent' : 'Reward points given back',
      value: formatPoints(Math.abs(loyalty.pointsRedeemed)),
    });
  }
  if (loyalty.pointsEarned !== 0) {
    rows.push({
      key: 'points-earned',
      label: loyalty.pointsEarned > 0 ? 'Points earned' : 'Points taken back',
      value: formatPoints(Math.abs(loyalty.pointsEarned)),
    });
  }
  if (rows.length === 0) return null;
  return (
    <div className="stack" data-testid={testId}>
      <h3>Loyalty</h3>
      <dl className="facts">
        {rows.map((row) => (
          <div key={row.key} className="fact">
            <dt>{row.label}</dt>
            <dd data-testid={`${testId}-${row.key}`}>{row.value}</dd>
          </div>
        ))}
        {showBalance && sale.customer !== null && (
          <BalanceNow customerId={sale.customer.id} testId={testId} />
        )}
      </dl>
    </div>
  );
}

function BalanceNow({ customerId, testId }: { customerId: string; testId: string }) {
  const { data } = useCustomerLoyalty(customerId);
  if (data === null) return null;
  return (
    <div className="fact">
      <dt>Balance now</dt>
      <dd data-testid={`${testId}-balance`}>{formatPoints(data.balance)}</dd>
    </div>
  );
}
