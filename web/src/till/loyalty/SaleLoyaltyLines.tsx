import { ErrorText } from '../../common/ErrorText.tsx';
import { formatPercentBp, formatPoints } from '../../common/loyalty-format.ts';
import { formatMoney } from '../../common/money.ts';
import type { Reward } from '@contract/loyalty.ts';
import type { LoyaltyEstimate } from '../sale/loyalty-estimate.ts';

type Props = {
  estimate: LoyaltyEstimate;
  reward: Reward | null;
  currency: string;
  onRemoveReward: () => void;
};

/** In the basket, under the items: the group discount and the reward being redeemed. */
export function SaleLoyaltyLines({ estimate, reward, currency, onRemoveReward }: Props) {
  const { group, groupDiscount, rewardDiscount, rewardProblem } = estimate;
  if (reward === null && (group === null || groupDiscount === 0)) return null;
  const off = (amount: number) => formatMoney(-amount, currency);
  return (
    <div className="stack loyalty-lines" data-testid="sale-loyalty-lines">
      {group !== null && groupDiscount > 0 && (
        <p className="row" data-testid="sale-group-discount">
          <span className="grow">
            {group.name} discount ({formatPercentBp(group.discountBp)} off)
          </span>
          <strong>{off(groupDiscount)}</strong>
        </p>
      )}
      {reward !== null && (
        <p className="row" data-testid="sale-reward">
          <span className="grow">
            Reward: <strong>{reward.name}</strong> (−{formatPoints(reward.pointsCost)})
          </span>
          {rewardDiscount > 0 && <strong>{off(rewardDiscount)}</strong>}
          <button
            type="button"
            className="link-button"
            data-testid="sale-reward-remove"
            onMouseDown={(event) => event.preventDefault()}
            onClick={onRemoveReward}
          >
            Remove reward
          </button>
        </p>
      )}
      <ErrorText message={rewardProblem} testId="sale-reward-problem" />
    </div>
  );
}
