import { useCallback, useState } from 'react';
import { api } from '../api.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { Pager } from '../common/Pager.tsx';
import { useDebounced, useLoad } from '../common/use-load.ts';
import { customerHref, navigate } from '../router.ts';
import type { CustomerStatus } from '@contract/customers.ts';

const pageSize = 25;

type Filters = {
  q: string;
  status: CustomerStatus;
  emailConsent: boolean;
  createdFrom: string;
  createdTo: string;
};

const statuses: readonly CustomerStatus[] = ['active', 'merged', 'erased'];

// The server lists active customers unless asked for merged or erased ones.
const noFilters: Filters = {
  q: '',
  status: 'active',
  emailConsent: false,
  createdFrom: '',
  createdTo: '',
};

/** Back-office customer list: filter, page, click through to a profile. */
export function CustomerList() {
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [page, setPage] = useState(1);
  const q = useDebounced(filters.q.trim(), 250);
  const { status, emailConsent, createdFrom, createdTo } = filters;

  const loader = useCallback(
    () =>
      api.listCustomers({
        page,
        pageSize,
        q,
        status,
        hasEmailConsent: emailConsent ? true : undefined,
        createdFrom,
        createdTo,
      }),
    [page, q, status, emailConsent, createdFrom, createdTo],
  );
  const list = useLoad(loader);

  // Any filter change starts again at page 1.
  const update = (patch: Partial<Filters>) => {
    setFilters((current) => ({ ...current, ...patch }));
    setPage(1);
  };

  return (
    <section>
      <h1>Customers</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Search
          <input
            type="search"
            placeholder="Name or customer number"
            value={filters.q}
            onChange={(e) => update({ q: e.target.value })}
          />
        </label>
        <label>
          Status
          <select
            value={filters.status}
            onChange={(e) =>
              update({ status: statuses.find((s) => s === e.target.value) ?? 'active' })
            }
          >
            {statuses.map((s) => (
              <option key={s} value={s}>
                {s[0]?.toUpperCase()}
                {s.slice(1)}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={filters.emailConsent}
            onChange={(e) => update({ emailConsent: e.target.checked })}
          />
          Email consent given
        </label>
        <label>
          Created from
          <input
            type="date"
            value={filters.createdFrom}
            onChange={(e) => update({ createdFrom: e.target.value })}
          />
        </label>
        <label>
          to
          <input
            type="date"
            value={filters.createdTo}
            onChange={(e) => update({ createdTo: e.target.value })}
          />
        </label>
        <button type="button" onClick={() => update(noFilters)}>
          Clear
        </button>
      </form>
      <ErrorText message={list.error} />
      <table className={list.loading ? 'table loading' : 'table'} data-testid="customer-table">
        <thead>
          <tr>
            <th>Number</th>
            <th>Name</th>
            <th>Status</th>
            <th>Phone</th>
            <th>Email</th>
            <th>Cards</th>
          </tr>
        </thead>
        <tbody>
          {list.data?.items.map((c) => (
            <tr key={c.id} className="clickable" onClick={() => navigate(customerHref(c.id))}>
              <td>
                <a href={customerHref(c.id)}>{c.number}</a>
              </td>
              <td>{c.name}</td>
              <td>{c.status}</td>
              <td>{c.contactMask.maskedPhone ?? '—'}</td>
              <td>{c.contactMask.maskedEmail ?? '—'}</td>
              <td>{c.cards.filter((card) => card.status === 'active').length}</td>
            </tr>
          ))}
          {list.data?.items.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                No customers match.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {list.data !== null && (
        <Pager page={page} pageSize={pageSize} total={list.data.total} onPage={setPage} />
      )}
    </section>
  );
}
