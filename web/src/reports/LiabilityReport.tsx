import { useCallback, useState } from 'react';
import { api } from '../api.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { formatDate } from '../common/format.ts';
import { useLoad } from '../common/use-load.ts';
import { MovementsTable } from './MovementsTable.tsx';
import { OutstandingTable } from './OutstandingTable.tsx';

/** The report's period is [from, to): the last day picked is included by asking up to the next. */
function period(from: string, to: string): { from?: string; to?: string } {
  const next = to === '' ? null : new Date(`${to}T00:00:00Z`);
  next?.setUTCDate(next.getUTCDate() + 1);
  return {
    ...(from === '' ? {} : { from }),
    ...(next === null || Number.isNaN(next.getTime())
      ? {}
      : { to: next.toISOString().slice(0, 10) }),
  };
}

/**
 * What the shop owes on gift cards and store credit (by outlet and by age) and how it moved
 * month by month; the same as a CSV file for the accountant.
 */
export function LiabilityReport() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const range = period(from, to);
  const key = `${range.from ?? ''}|${range.to ?? ''}`;
  const loader = useCallback(() => {
    const [f, t] = key.split('|');
    return api.storedValueReport({ from: f || undefined, to: t || undefined });
  }, [key]);
  const report = useLoad(loader);
  const data = report.data;

  return (
    <div className="stack" data-testid="liability-report">
      <h1>Gift card and store credit liability</h1>
      <form className="filters period" onSubmit={(e) => e.preventDefault()}>
        <label>
          Movements from
          <input
            type="date"
            data-testid="liability-from"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
        </label>
        <label>
          to (inclusive)
          <input
            type="date"
            data-testid="liability-to"
            value={to}
            onChange={(e) => setTo(e.target.value)}
          />
        </label>
        <a
          className="button"
          href={api.storedValueCsvUrl(range)}
          download
          data-testid="liability-csv"
        >
          Download CSV
        </a>
      </form>
      <ErrorText message={report.error} testId="liability-error" />
      {data !== null && (
        <>
          <p className="muted">
            Outstanding balances are as of now; movements from {formatDate(data.from)} up to{' '}
            {formatDate(data.to)}.
          </p>
          <section className="panel stack">
            <h2>Gift cards</h2>
            <h3>Outstanding by issuing outlet</h3>
            <OutstandingTable
              testId="liability-gift-outlets"
              heading="Outlet"
              countHeading="Cards"
              rows={data.giftCards.byOutlet.map((row) => ({
                label: row.outlet,
                currency: row.currency,
                count: row.cards,
                balance: row.balance,
              }))}
            />
            <h3>Outstanding by age</h3>
            <OutstandingTable
              testId="liability-gift-age"
              heading="Age"
              countHeading="Cards"
              rows={data.giftCards.byAge.map((row) => ({
                label: row.ageBand,
                currency: row.currency,
                count: row.cards,
                balance: row.balance,
              }))}
            />
            <h3>Movements</h3>
            <MovementsTable rows={data.giftCards.movements} testId="liability-gift-movements" />
          </section>
          <section className="panel stack">
            <h2>Store credit</h2>
            <OutstandingTable
              testId="liability-credit-outstanding"
              heading="Currency"
              countHeading="Accounts"
              rows={data.storeCredit.outstanding.map((row) => ({
                label: row.currency,
                currency: row.currency,
                count: row.accounts,
                balance: row.balance,
              }))}
            />
            <h3>Movements</h3>
            <MovementsTable rows={data.storeCredit.movements} testId="liability-credit-movements" />
          </section>
        </>
      )}
    </div>
  );
}
