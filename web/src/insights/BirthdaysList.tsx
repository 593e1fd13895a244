import { useCallback, useState } from 'react';
import type { BirthdayPage } from '@contract/insights.ts';
import { maxBirthdayDays } from '@domain/insights/birthdays.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { Pager } from '../common/Pager.tsx';
import { useDebounced, useLoad } from '../common/use-load.ts';
import { customerHref } from '../router.ts';
import { useSession } from '../session.ts';
import { insightsApi } from './insights-api.ts';
import type { ListProps } from './InsightLists.tsx';
import { ListTools } from './ListTools.tsx';

const pageSize = 25;
// The date of the birthday in the window, as a calendar day (no time zone may move it).
const dayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});

function whenText(on: string, today: string): string {
  const days = Math.round((Date.parse(on) - Date.parse(today)) / 86_400_000);
  if (days <= 0) return 'today';
  return days === 1 ? 'tomorrow' : `in ${days} days`;
}

function BirthdayTable({ page, loading }: { page: BirthdayPage | null; loading: boolean }) {
  const today = new Date().toISOString().slice(0, 10);
  const rows = page?.items ?? [];
  return (
    <table
      className={loading ? 'table compact loading' : 'table compact'}
      data-testid="insights-birthdays-table"
    >
      <thead>
        <tr>
          <th>Customer</th>
          <th>Birthday</th>
          <th>When</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.customerId} data-testid="insights-birthdays-table-row">
            <td>
              <a href={customerHref(row.customerId)}>
                <span className="mono">{row.number}</span> {row.name}
              </a>
            </td>
            <td className="nowrap">{dayFormat.format(new Date(`${row.on}T00:00:00Z`))}</td>
            <td className="nowrap">{whenText(row.on, today)}</td>
          </tr>
        ))}
        {rows.length === 0 && !loading && (
          <tr>
            <td colSpan={3} className="muted">
              No birthdays in these days.
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

/** Customers whose birthday falls in the next N days (the shop's setting to start with). */
export function BirthdaysList({ outletId, outletName }: ListProps) {
  const { settings } = useSession();
  const [daysText, setDaysText] = useState(String(settings?.birthdayDays ?? 14));
  const [page, setPage] = useState(1);
  const typed = Number(useDebounced(daysText, 300));
  const days = Number.isInteger(typed) && typed >= 1 && typed <= maxBirthdayDays ? typed : null;
  const loader = useCallback(
    () =>
      days === null
        ? Promise.resolve(null)
        : insightsApi.birthdays({ outletId, page, pageSize, days }),
    [outletId, page, days],
  );
  const list = useLoad(loader);
  return (
    <section className="stack" data-testid="insights-birthdays">
      <div className="insights-list-head">
        <label>
          Birthdays in the next{' '}
          <input
            className="insights-days"
            type="number"
            min={1}
            max={maxBirthdayDays}
            value={daysText}
            data-testid="insights-birthdays-days"
            onChange={(event) => {
              setDaysText(event.target.value);
              setPage(1);
            }}
          />{' '}
          days
        </label>
        {days !== null && (
          <ListTools
            testId="insights-birthdays"
            definition={{ list: 'birthdays', days, outletId: outletId || null }}
            csvUrl={insightsApi.csvUrl('birthdays', { days, outletId })}
            suggestedName={`Birthdays in the next ${days} days${outletName === '' ? '' : ` — ${outletName}`}`}
          />
        )}
      </div>
      {days === null && <p className="error">Give a number of days from 1 to {maxBirthdayDays}.</p>}
      <ErrorText message={list.error} testId="insights-birthdays-error" />
      <BirthdayTable page={list.data} loading={list.loading} />
      {list.data && (
        <Pager page={page} pageSize={pageSize} total={list.data.total} onPage={setPage} />
      )}
    </section>
  );
}
