import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { GroupOutcome } from '@contract/campaigns.ts';

/**
 * Sent against control (Recharts, loaded with the results only): the share of each group
 * who came back within the window, and what they spent per head. Equal shares mean the
 * campaign made no difference; the control group is why that can be seen.
 */
export default function CampaignChart({
  outcomes,
  currency,
}: {
  outcomes: GroupOutcome[];
  currency: string;
}) {
  const data = outcomes.map((outcome) => {
    const spend = outcome.spend.find((s) => s.currency === currency)?.amount ?? 0;
    return {
      group: outcome.group === 'sent' ? 'Sent' : 'Control',
      returned: outcome.size === 0 ? 0 : Math.round((1000 * outcome.returned) / outcome.size) / 10,
      spendPerHead: outcome.size === 0 ? 0 : Math.round(spend / outcome.size) / 100,
    };
  });
  return (
    <div data-testid="campaign-chart" style={{ width: '100%', height: 220 }}>
      <ResponsiveContainer>
        <BarChart data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="group" />
          <YAxis yAxisId="share" unit="%" />
          <YAxis yAxisId="spend" orientation="right" />
          <Tooltip />
          <Legend />
          <Bar yAxisId="share" dataKey="returned" name="Came back (%)" fill="#2f6f9f" />
          <Bar
            yAxisId="spend"
            dataKey="spendPerHead"
            name={`Spend per head (${currency})`}
            fill="#8a5a9c"
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
