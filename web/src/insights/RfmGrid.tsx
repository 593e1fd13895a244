import type { InsightsSummary } from '@contract/insights.ts';
import { rfmSegment, type Score, type SegmentName } from '@domain/insights/rfm.ts';
import { segmentColour } from './segment-colours.ts';

const scores: Score[] = [1, 2, 3, 4, 5];
const plain = new Intl.NumberFormat('en-GB');

/**
 * Customers by recency (rows, most recent on top) and frequency (columns) scored 1–5,
 * each cell in the colour of the segment it belongs to and named on hover.
 */
export function RfmGrid({
  grid,
  chosen,
  onChoose,
}: {
  grid: InsightsSummary['rfmGrid'];
  /** The segment picked (its cells are outlined); a cell's click picks its segment. */
  chosen: SegmentName | null;
  onChoose: (segment: SegmentName) => void;
}) {
  const count = (r: number, f: number) =>
    grid.find((cell) => cell.r === r && cell.f === f)?.customers ?? 0;
  return (
    <table className="rfm-grid" data-testid="insights-rfm-grid">
      <caption>Customers by recency (R) and frequency (F), 5 = best</caption>
      <thead>
        <tr>
          <th scope="col">R \ F</th>
          {scores.map((f) => (
            <th key={f} scope="col">
              F{f}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {[...scores].reverse().map((r) => (
          <tr key={r}>
            <th scope="row">R{r}</th>
            {scores.map((f) => {
              const segment = rfmSegment(r, f);
              return (
                <td
                  key={f}
                  title={`${segment}: R${r} F${f}`}
                  style={{
                    borderLeftColor: segmentColour(segment),
                    background: `color-mix(in srgb, ${segmentColour(segment)} 14%, white)`,
                  }}
                  className={segment === chosen ? 'chosen' : undefined}
                  data-testid={`rfm-cell-${r}-${f}`}
                  onClick={() => onChoose(segment)}
                >
                  <strong>{plain.format(count(r, f))}</strong>
                  <span className="rfm-segment">{segment}</span>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
