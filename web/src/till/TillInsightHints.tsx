import type { TillInsight } from '@contract/customers.ts';
import { formatDateTime } from '../common/format.ts';
import { insightLines } from './insight-lines.ts';
import './insight-hints.css';

/**
 * What the shop's history says about the customer at the till, as short lines (see
 * insight-lines.ts). Nothing at all when there is no insight: an objector, or before
 * the first recompute.
 */
export function TillInsightHints({ insight }: { insight: TillInsight | null }) {
  const lines = insightLines(insight);
  if (lines.length === 0) return null;
  const computed = insight?.computedAt ? `Worked out ${formatDateTime(insight.computedAt)}` : '';
  return (
    <ul className="insight-hints" data-testid="till-insight" title={computed}>
      {lines.map((line) => (
        <li
          key={line.kind}
          // Prefixed: a bare `plain` is a global list style.
          className={`insight-hint tone-${line.tone} kind-${line.kind}`}
          data-testid={`till-insight-${line.kind}`}
          title={line.detail}
        >
          {line.text}
        </li>
      ))}
    </ul>
  );
}
