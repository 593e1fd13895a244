import { formatPoints, signedPoints } from '../common/loyalty-format.ts';
import { kindOrder, pointsKindLabel } from '../loyalty/points-words.ts';
import type { LoyaltyEvents } from '@contract/loyalty.ts';

/**
 * How the balance came about: the points of each kind of event, added up. The totals
 * always add up to the balance (the server's ledger guarantees it; the table shows it).
 */
export function PointsExplanation({ explained }: { explained: LoyaltyEvents }) {
  const { byKind, balance } = explained;
  const kinds = [
    ...kindOrder.filter((kind) => kind in byKind),
    ...Object.keys(byKind).filter((kind) => !kindOrder.includes(kind)),
  ];
  const total = kinds.reduce((sum, kind) => sum + (byKind[kind] ?? 0), 0);
  if (kinds.length === 0) return <p className="muted">No points yet.</p>;
  return (
    <table className="table compact points-explanation" data-testid="points-explanation">
      <thead>
        <tr>
          <th>How the points came and went</th>
          <th className="num">Points</th>
        </tr>
      </thead>
      <tbody>
        {kinds.map((kind) => (
          <tr key={kind} data-testid={`points-explanation-${kind}`}>
            <td>{pointsKindLabel(kind)}</td>
            <td className="num">{signedPoints(byKind[kind] ?? 0)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="total-row">
          <td>Balance</td>
          <td className="num" data-testid="points-explanation-total">
            {formatPoints(total)}
          </td>
        </tr>
        {total !== balance && (
          <tr>
            <td colSpan={2} className="error" role="alert">
              The log adds up to {formatPoints(total)} but the balance is {formatPoints(balance)}:
              please tell the back office.
            </td>
          </tr>
        )}
      </tfoot>
    </table>
  );
}
