import { formatDateTime } from '../common/format.ts';
import { formatPoints, signedPoints } from '../common/loyalty-format.ts';
import { describePointsEvent, describeWho } from '../loyalty/points-event-details.ts';
import { pointsEventLabel } from '../loyalty/points-words.ts';
import type { LoyaltyEvent } from '../loyalty-types.ts';

type Props = { events: readonly LoyaltyEvent[]; currency: string };

/** Every change to the customer's points, oldest first, each with what it was for. */
export function PointsLog({ events, currency }: Props) {
  if (events.length === 0) return null;
  return (
    <table className="table compact" data-testid="points-log">
      <thead>
        <tr>
          <th>When</th>
          <th>What</th>
          <th className="num">Points</th>
          <th className="num">Balance after</th>
          <th>Details</th>
          <th>By</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr key={event.id} data-testid="points-event">
            <td className="nowrap">{formatDateTime(event.at)}</td>
            <td>{pointsEventLabel(event)}</td>
            <td className="num">{signedPoints(event.points)}</td>
            <td className="num">{formatPoints(event.balanceAfter)}</td>
            <td>
              {event.saleNumber ? (
                <span className="muted" data-testid="points-event-sale">
                  {event.saleNumber}{' '}
                </span>
              ) : null}
              {describePointsEvent(event, currency)}
            </td>
            <td>{describeWho(event)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
