import { useState } from 'react';
import { formatPoints, rewardBenefit } from '../common/loyalty-format.ts';
import type { Reward } from '@contract/loyalty.ts';
import { RewardForm } from './RewardForm.tsx';

type Props = { rewards: readonly Reward[]; currency: string; onSaved: (message: string) => void };

/** Rewards customers can spend their points on at the till; add one or change one. */
export function RewardsSection({ rewards, currency, onSaved }: Props) {
  // 'new', a reward's id, or null: which form is open.
  const [editing, setEditing] = useState<string | null>(null);
  const chosen = rewards.find((reward) => reward.id === editing) ?? null;
  return (
    <section className="panel stack" data-testid="rewards">
      <h2>Rewards</h2>
      {rewards.length === 0 ? (
        <p className="muted">No rewards yet: customers collect points but cannot spend them.</p>
      ) : (
        <table className="table compact" data-testid="reward-list">
          <thead>
            <tr>
              <th>Name</th>
              <th className="num">Costs</th>
              <th>Gives</th>
              <th>Offered</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rewards.map((reward) => (
              <tr
                key={reward.id}
                data-testid="reward-row"
                className={reward.active ? undefined : 'inactive'}
              >
                <td>{reward.name}</td>
                <td className="num">{formatPoints(reward.pointsCost)}</td>
                <td>{rewardBenefit(reward, currency)}</td>
                <td>{reward.active ? 'yes' : 'no'}</td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    data-testid="reward-edit"
                    onClick={() => setEditing(reward.id)}
                  >
                    Change
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing === null ? (
        <div className="row">
          <button type="button" data-testid="reward-new" onClick={() => setEditing('new')}>
            New reward
          </button>
        </div>
      ) : (
        <RewardForm
          key={editing}
          reward={chosen}
          currency={currency}
          onSaved={(message) => {
            setEditing(null);
            onSaved(message);
          }}
          onCancel={() => setEditing(null)}
        />
      )}
    </section>
  );
}
