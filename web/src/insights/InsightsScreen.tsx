import { lazy, Suspense, useCallback, useState } from 'react';
import type { InsightsSummary } from '@contract/insights.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { formatDateTime } from '../common/format.ts';
import { useLoad } from '../common/use-load.ts';
import { useOutlets } from '../common/use-outlets.ts';
import { useShopCurrency } from '../common/use-shop-currency.ts';
import { segmentNames, type SegmentName } from '@domain/insights/rfm.ts';
import { BirthdaysList } from './BirthdaysList.tsx';
import { insightsApi } from './insights-api.ts';
import { LapsedList, TopList, type ListProps } from './InsightLists.tsx';
import { ListTools } from './ListTools.tsx';
import { methodLine, runDetail } from './method-line.ts';
import { RfmGrid } from './RfmGrid.tsx';
import './insights.css';

// The chart library is large and only this page draws charts: load it with the page.
const InsightCharts = lazy(() => import('./InsightCharts.tsx'));

type Tab = 'lapsed' | 'birthdays' | 'top' | 'overview';
const tabs: { tab: Tab; label: string }[] = [
  { tab: 'lapsed', label: 'Lapsed' },
  { tab: 'birthdays', label: 'Birthdays ahead' },
  { tab: 'top', label: 'Top customers' },
  { tab: 'overview', label: 'RFM and charts' },
];

function MethodHeader({ summary }: { summary: InsightsSummary | null }) {
  if (summary === null) return null;
  const { run } = summary;
  return (
    <div className={run?.method === 'rule' ? 'insights-method rule' : 'insights-method'}>
      <p data-testid="insights-method">{methodLine(run, formatDateTime)}</p>
      {run !== null && (
        <p className="muted small" data-testid="insights-run-detail">
          {runDetail(run)}
        </p>
      )}
    </div>
  );
}

/** A segment of the grid saved for campaigns: picked from the list or by a cell's click. */
function SegmentPicker({
  chosen,
  onChoose,
  outletId,
  outletName,
}: {
  chosen: SegmentName;
  onChoose: (segment: SegmentName) => void;
  outletId: string;
  outletName: string;
}) {
  return (
    <div className="insights-list-head">
      <label>
        Segment{' '}
        <select
          value={chosen}
          data-testid="insights-segment"
          onChange={(event) => onChoose(event.target.value as SegmentName)}
        >
          {segmentNames.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <ListTools
        // A new segment starts a new form, so a half-typed name does not carry over.
        key={chosen}
        testId="insights-segment"
        definition={{ list: 'segment', segment: chosen, outletId: outletId || null }}
        csvUrl={null}
        suggestedName={`${chosen}${outletName === '' ? '' : ` — ${outletName}`}`}
      />
    </div>
  );
}

function Overview({
  summary,
  currency,
  outletId,
  outletName,
}: {
  summary: InsightsSummary;
  currency: string;
  outletId: string;
  outletName: string;
}) {
  const [chosen, setChosen] = useState<SegmentName>('At Risk');
  const valueLabel =
    summary.run?.method === 'rule'
      ? 'Customers by spend over the last 12 months'
      : 'Customers by expected value over the next 12 months';
  return (
    <section className="stack" data-testid="insights-overview">
      <div className="panel stack">
        <RfmGrid grid={summary.rfmGrid} chosen={chosen} onChoose={setChosen} />
        <SegmentPicker
          chosen={chosen}
          onChoose={setChosen}
          outletId={outletId}
          outletName={outletName}
        />
      </div>
      <Suspense fallback={<p className="muted">Loading charts…</p>}>
        <InsightCharts summary={summary} currency={currency} valueLabel={valueLabel} />
      </Suspense>
    </section>
  );
}

function OutletFilter({
  outletId,
  onChange,
}: {
  outletId: string;
  onChange: (id: string, name: string) => void;
}) {
  const outlets = useOutlets();
  return (
    <label className="insights-outlet">
      Outlet{' '}
      <select
        value={outletId}
        data-testid="insights-outlet"
        onChange={(event) => {
          const id = event.target.value;
          onChange(id, outlets.find((outlet) => outlet.id === id)?.name ?? '');
        }}
      >
        <option value="">All outlets</option>
        {outlets.map((outlet) => (
          <option key={outlet.id} value={outlet.id}>
            {outlet.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The back office's Insights (issue 13): which method judges who has lapsed and why,
 * then the lists (lapsed by value at risk, birthdays ahead, top customers), each with
 * an outlet filter, paging, a CSV file and "Save as segment", and the RFM grid and
 * charts. Customers appear by name and number only.
 */
export function InsightsScreen() {
  const currency = useShopCurrency();
  const [tab, setTab] = useState<Tab>('lapsed');
  const [outlet, setOutlet] = useState({ id: '', name: '' });
  const loader = useCallback(() => insightsApi.summary(outlet.id), [outlet.id]);
  const summary = useLoad(loader);
  const listProps: ListProps = {
    method: summary.data?.run?.method ?? null,
    outletId: outlet.id,
    outletName: outlet.name,
    currency,
  };

  return (
    <div className="stack insights" data-testid="insights-page">
      <div className="insights-head">
        <h1>Insights</h1>
        <OutletFilter outletId={outlet.id} onChange={(id, name) => setOutlet({ id, name })} />
      </div>
      <MethodHeader summary={summary.data} />
      <ErrorText message={summary.error} testId="insights-error" />
      <div className="insights-tabs" role="tablist" aria-label="Insights">
        {tabs.map((entry) => (
          <button
            key={entry.tab}
            type="button"
            role="tab"
            aria-selected={tab === entry.tab}
            className={tab === entry.tab ? 'insights-tab active' : 'insights-tab'}
            data-testid={`insights-tab-${entry.tab}`}
            onClick={() => setTab(entry.tab)}
          >
            {entry.label}
          </button>
        ))}
      </div>
      {/* Keyed by outlet, so a new outlet starts each list on its first page. */}
      {tab === 'lapsed' && <LapsedList key={outlet.id} {...listProps} />}
      {tab === 'birthdays' && <BirthdaysList key={outlet.id} {...listProps} />}
      {tab === 'top' && <TopList key={outlet.id} {...listProps} />}
      {tab === 'overview' && summary.data !== null && (
        <Overview
          summary={summary.data}
          currency={currency}
          outletId={outlet.id}
          outletName={outlet.name}
        />
      )}
    </div>
  );
}
