import { formatDate } from '../common/format.ts';
import { formatPoints, groupBenefits, rewardBenefit } from '../common/loyalty-format.ts';
import type { LoyaltySummary, Reward } from '@contract/loyalty.ts';

type Props = {
  summary: LoyaltySummary;
  currency: string;
  /** Prefix of the data-testids, so the customer panel's and the sale's never clash. */
  testId: string;
  /** On a sale: a Redeem button per reward the points cover. */
  redeem?: { chosenId: string | null; onRedeem: (reward: Reward) => void };
};

/** With the programme off and no points or groups, there is nothing to show. */
export function loyaltyWorthShowing(summary: LoyaltySummary): boolean {
  return summary.enabled || summary.balance !== 0 || summary.groups.length > 0;
}

/**
 * The customer's loyalty in one glance: points, groups with what they give, rewards the
 * points cover and how far the next one is.
 */
export function LoyaltyBanner({ summary, currency, testId, redeem }: Props) {
  const { balance, groups, rewardsAvailable, nextReward } = summary;
  const soonest = summary.expiring[0];
  return (
    <div className="loyalty-banner stack" data-testid={testId}>
      <p className="loyalty-balance">
        <strong data-testid={`${testId}-balance`}>{formatPoints(balance)}</strong>
        {!summary.enabled && <span className="badge"> loyalty programme off</span>}
        {soonest !== undefined && (
          <span className="muted">
            {' '}
            · {formatPoints(soonest.points)} expire on {formatDate(soonest.expiresAt)}
          </span>
        )}
      </p>
      {summary.allowNegativeBalance && (
        <p className="muted" data-testid={`${testId}-negative`}>
          Returns may take the balance below zero.
        </p>
      )}
      {groups.length > 0 && (
        <ul className="inline-list" data-testid={`${testId}-groups`}>
          {groups.map((group) => (
            <li key={group.id}>
              <span className="badge ok">
                {group.name} · {groupBenefits(group)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {rewardsAvailable.length > 0 && (
        <ul className="plain loyalty-rewards" data-testid={`${testId}-rewards`}>
          {rewardsAvailable.map((reward) => {
            const chosen = redeem?.chosenId === reward.id;
            return (
              <li key={reward.id} className="row" data-testid={`${testId}-reward`}>
                <span className="grow">
                  <strong>{reward.name}</strong>{' '}
                  <span className="muted">
                    {rewardBenefit(reward, currency)} for {formatPoints(reward.pointsCost)}
                  </span>
                </span>
                {redeem !== undefined && (
                  <button
                    type="button"
                    className={chosen ? undefined : 'primary'}
                    data-testid={`${testId}-redeem`}
                    disabled={chosen}
                    // The item box keeps focus when the mouse redeems.
                    onMouseDown={(event) => event.preventDefault()}
                    onClick={() => redeem.onRedeem(reward)}
                  >
                    {chosen
                      ? 'On this sale'
                      : redeem.chosenId === null
                        ? 'Redeem'
                        : 'Redeem instead'}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {nextReward !== null && (
        <p data-testid={`${testId}-next`}>
          {formatPoints(nextReward.pointsNeeded)} to <strong>{nextReward.reward.name}</strong>{' '}
          <span className="muted">({rewardBenefit(nextReward.reward, currency)})</span>
        </p>
      )}
    </div>
  );
}
