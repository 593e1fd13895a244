import { useCallback, useState } from 'react';
import { ErrorText } from '../common/ErrorText.tsx';
import { Pager } from '../common/Pager.tsx';
import { useLoad } from '../common/use-load.ts';
import { CustomerTable } from './CustomerTable.tsx';
import { insightsApi, type TopOrder } from './insights-api.ts';
import { ListTools } from './ListTools.tsx';

const pageSize = 25;

export type ListProps = {
  /** The method of the last run: without the model there is no expected value. */
  method: 'model' | 'rule' | null;
  /** '' for every outlet. */
  outletId: string;
  /** The outlet's name for a saved segment's suggested name; '' for every outlet. */
  outletName: string;
  currency: string;
};

const within = (outletName: string) => (outletName === '' ? '' : ` — ${outletName}`);

/** Lapsed customers by the value their absence puts at risk. */
export function LapsedList({ method, outletId, outletName, currency }: ListProps) {
  const [page, setPage] = useState(1);
  const loader = useCallback(
    () => insightsApi.lapsed({ outletId, page, pageSize }),
    [outletId, page],
  );
  const list = useLoad(loader);
  return (
    <section className="stack" data-testid="insights-lapsed">
      <div className="insights-list-head">
        <p className="muted">
          Customers who have stayed away longer than their own rhythm, the most value at risk first.
        </p>
        <ListTools
          testId="insights-lapsed"
          definition={{ list: 'lapsed', outletId: outletId || null }}
          csvUrl={insightsApi.csvUrl('lapsed', { outletId })}
          suggestedName={`Lapsed${within(outletName)}`}
        />
      </div>
      <ErrorText message={list.error} testId="insights-lapsed-error" />
      <CustomerTable
        testId="insights-lapsed-table"
        rows={list.data?.items ?? []}
        // The model says how likely each one is still a customer; the rule cannot.
        columns={
          method === 'model'
            ? ['segment', 'last', 'gap', 'visits', 'spend', 'alive', 'risk']
            : ['segment', 'last', 'gap', 'visits', 'spend', 'risk']
        }
        currency={currency}
        rank={(page - 1) * pageSize + 1}
        loading={list.loading}
      />
      {list.data && (
        <Pager page={page} pageSize={pageSize} total={list.data.total} onPage={setPage} />
      )}
    </section>
  );
}

function orders(method: ListProps['method']): { by: TopOrder; label: string }[] {
  return [
    // The rule has no forecast: its value percentile is the last 12 months' spend.
    { by: 'value', label: method === 'model' ? 'Value next 12 months' : 'Value (spend so far)' },
    { by: 'spend', label: 'Spend last 12 months' },
    { by: 'frequency', label: 'Visits last 12 months' },
  ];
}

/** The most valuable customers, by expected value, by spend or by visits. */
export function TopList({ method, outletId, outletName, currency }: ListProps) {
  const [by, setBy] = useState<TopOrder>('value');
  const [page, setPage] = useState(1);
  const loader = useCallback(
    () => insightsApi.top({ outletId, page, pageSize, by }),
    [outletId, page, by],
  );
  const list = useLoad(loader);
  const choices = orders(method);
  const label = choices.find((order) => order.by === by)?.label ?? by;
  return (
    <section className="stack" data-testid="insights-top">
      <div className="insights-list-head">
        <label>
          Ranked by{' '}
          <select
            value={by}
            data-testid="insights-top-by"
            onChange={(event) => {
              setBy(event.target.value as TopOrder);
              setPage(1);
            }}
          >
            {choices.map((order) => (
              <option key={order.by} value={order.by}>
                {order.label}
              </option>
            ))}
          </select>
        </label>
        <ListTools
          testId="insights-top"
          definition={{ list: 'top', by, outletId: outletId || null }}
          csvUrl={insightsApi.csvUrl('top', { by, outletId })}
          suggestedName={`Top customers by ${label.toLowerCase()}${within(outletName)}`}
        />
      </div>
      <ErrorText message={list.error} testId="insights-top-error" />
      <CustomerTable
        testId="insights-top-table"
        rows={list.data?.items ?? []}
        columns={
          method === 'model'
            ? ['segment', 'value', 'spend', 'visits', 'last']
            : ['segment', 'spend', 'visits', 'last']
        }
        currency={currency}
        rank={(page - 1) * pageSize + 1}
        loading={list.loading}
      />
      {list.data && (
        <Pager page={page} pageSize={pageSize} total={list.data.total} onPage={setPage} />
      )}
    </section>
  );
}
