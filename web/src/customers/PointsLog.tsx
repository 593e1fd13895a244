import { LedgerTable, whenColumn, type LedgerColumn } from '../common/LedgerTable.tsx';
import { formatPoints, signedPoints } from '../common/loyalty-format.ts';
import { describePointsEvent, describeWho } from '../loyalty/points-event-details.ts';
import { pointsEventLabel } from '../loyalty/points-words.ts';
import type { LoyaltyEvent } from '@contract/loyalty.ts';

type Props = { events: readonly LoyaltyEvent[]; currency: string };

function pointsColumns(currency: string): LedgerColumn<LoyaltyEvent>[] {
  return [
    whenColumn(),
    { header: 'What', cell: pointsEventLabel },
    { header: 'Points', numeric: true, cell: (event) => signedPoints(event.points) },
    { header: 'Balance after', numeric: true, cell: (event) => formatPoints(event.balanceAfter) },
    {
      header: 'Details',
      cell: (event) => (
        <>
          {event.saleNumber ? (
            <span className="muted" data-testid="points-event-sale">
              {event.saleNumber}{' '}
            </span>
          ) : null}
          {describePointsEvent(event, currency)}
        </>
      ),
    },
    { header: 'By', cell: describeWho },
  ];
}

/** Every change to the customer's points, oldest first, each with what it was for. */
export function PointsLog({ events, currency }: Props) {
  return (
    <LedgerTable
      entries={events}
      columns={pointsColumns(currency)}
      empty={null}
      testId="points-log"
      rowTestId="points-event"
    />
  );
}
