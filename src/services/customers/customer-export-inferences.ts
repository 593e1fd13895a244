import type { StoredInsightRow } from '../../store/insights.ts';
import type { CustomerExportDocument } from './customer-export-document.ts';

type Score = CustomerExportDocument['inferences']['scores'][number];

/**
 * The customer's computed insight scores as the export lists them: each an inference
 * (worked out from purchases, not told by the customer), with when and how it was made.
 */
export function insightScores(rows: StoredInsightRow[]): Score[] {
  return rows.flatMap((row) => {
    const computedAt = row.computedAt.toISOString();
    const how = `${row.method === 'model' ? 'BG/NBD model' : 'stated rule'} ${row.modelVersion}`;
    const score = (name: string, value: unknown): Score => ({
      name: `${name} (${how})`,
      value,
      computedAt,
    });
    return [
      score('probability still a customer', row.pAlive),
      score('expected visits in the next 90 days', row.expected90),
      score('expected visits in the next 365 days', row.expected365),
      score('expected spend in the next 12 months (minor units)', row.value12m),
      score('typical days between visits', row.typicalGapDays),
      score('next visit due on', row.nextDueOn),
      score('lapsed', row.lapsed),
      score('RFM scores', { r: row.rScore, f: row.fScore, m: row.mScore }),
      score('RFM segment', row.segment),
      score('12-month value percentile', row.valuePercentile),
    ];
  });
}
