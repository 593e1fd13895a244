import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  Rectangle,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type BarShapeProps,
} from 'recharts';
import type { InsightsSummary } from '@contract/insights.ts';
import { formatMoney } from '../common/money.ts';
import { segmentColour } from './segment-colours.ts';

const height = 220;
const weekFormat = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});
const weekLabel = (week: string) => weekFormat.format(new Date(`${week}T00:00:00Z`));
// Whole units on the axis: "£1,250" says enough for a bucket's edge.
const wholeMoney = (amount: number, currency: string) =>
  formatMoney(Math.round(amount / 100) * 100, currency).replace(/\.00$/, '');

function SegmentBar(props: BarShapeProps) {
  const segment = (props.payload as { segment?: string } | undefined)?.segment ?? '';
  return <Rectangle {...props} fill={segmentColour(segment)} />;
}

/**
 * The Insights charts (Recharts, loaded with this page only): customers per segment,
 * how value is spread, and visit days per week over the last half year.
 */
export default function InsightCharts({
  summary,
  currency,
  valueLabel,
}: {
  summary: InsightsSummary;
  currency: string;
  /** What the buckets measure: expected 12-month value (model) or 12-month spend (rule). */
  valueLabel: string;
}) {
  const buckets = summary.valueBuckets.map((bucket) => ({
    ...bucket,
    label: `${wholeMoney(bucket.from, currency)}–${wholeMoney(bucket.to, currency)}`,
  }));
  const weeks = summary.visitsPerWeek.map((week) => ({ ...week, label: weekLabel(week.week) }));
  return (
    <div className="insights-charts">
      <figure className="panel" data-testid="insights-chart-segments">
        <figcaption>Customers per segment</figcaption>
        <ResponsiveContainer width="100%" height={height + 60}>
          <BarChart data={summary.segments} layout="vertical" margin={{ left: 8, right: 16 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey="segment" width={120} tick={{ fontSize: 12 }} />
            <Tooltip />
            <Bar
              dataKey="customers"
              name="Customers"
              shape={SegmentBar}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <figure className="panel" data-testid="insights-chart-value">
        <figcaption>{valueLabel}</figcaption>
        <ResponsiveContainer width="100%" height={height + 60}>
          <BarChart data={buckets} margin={{ left: 0, right: 16, bottom: 40 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="label"
              angle={-35}
              textAnchor="end"
              interval={0}
              tick={{ fontSize: 11 }}
            />
            <YAxis allowDecimals={false} width={48} />
            <Tooltip />
            <Bar dataKey="customers" name="Customers" fill="#2f6db5" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <figure className="panel wide" data-testid="insights-chart-visits">
        <figcaption>Visits per week (customers’ visit days), last 26 weeks</figcaption>
        <ResponsiveContainer width="100%" height={height}>
          <LineChart data={weeks} margin={{ top: 8, left: 0, right: 16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} minTickGap={16} />
            <YAxis allowDecimals={false} width={48} />
            <Tooltip />
            <Line
              // Straight segments: a curve would show visits between the weekly counts.
              type="linear"
              dataKey="visits"
              name="Visits"
              stroke="#1b7a3e"
              strokeWidth={2}
              dot={{ r: 2 }}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}
