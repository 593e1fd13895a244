import { useCallback, useState } from 'react';
import { ErrorText } from '../common/ErrorText.tsx';
import { consentApi, staleReasonText } from '../common/consent-api.ts';
import { channelLabel } from '../common/consent-wording.ts';
import { formatDate } from '../common/format.ts';
import { useLoad } from '../common/use-load.ts';
import { useOutlets } from '../common/use-outlets.ts';
import { customerHref } from '../router.ts';
import type { StaleConsentPage } from '@contract/consents.ts';

type Cursor = StaleConsentPage['next'];
const pageSize = 50;

/**
 * Consent given that is stale (F18): older than the shop's limit, or given under a wording
 * it has since replaced. The till asks these customers again; a re-permission campaign
 * can write to them. Names and numbers only, never contact details.
 */
export function StaleConsents() {
  const [outletId, setOutletId] = useState('');
  // The keyset cursors of the pages before this one, to go back.
  const [cursors, setCursors] = useState<Cursor[]>([null]);
  const cursor = cursors.at(-1) ?? null;
  const loader = useCallback(
    () =>
      consentApi.stale({
        limit: pageSize,
        ...(outletId === '' ? {} : { outletId }),
        ...(cursor === null
          ? {}
          : { afterCustomerId: cursor.customerId, afterChannel: cursor.channel }),
      }),
    [outletId, cursor],
  );
  const page = useLoad(loader);

  return (
    <section className="stack" data-testid="stale-consents">
      <h1>Stale consents</h1>
      <p className="muted">
        Consent given longer ago than the shop allows (Settings), or under an earlier wording. The
        till asks these customers again when they come in.
      </p>
      <OutletChoice
        outletId={outletId}
        onChange={(id) => {
          setOutletId(id);
          setCursors([null]);
        }}
      />
      <ErrorText message={page.error} />
      {page.data !== null && page.data.items.length === 0 && (
        <p className="muted">No stale consent{cursors.length > 1 ? ' after these' : ''}.</p>
      )}
      {page.data !== null && page.data.items.length > 0 && (
        <table className={page.loading ? 'table compact loading' : 'table compact'}>
          <thead>
            <tr>
              <th>Customer</th>
              <th>No.</th>
              <th>Channel</th>
              <th>Why</th>
              <th>Given</th>
              <th>Outlet</th>
            </tr>
          </thead>
          <tbody>
            {page.data.items.map((item) => (
              <tr key={`${item.customerId}-${item.channel}`} data-testid="stale-consent-row">
                <td>
                  <a href={customerHref(item.customerId)}>{item.customerName}</a>
                </td>
                <td>{item.customerNumber}</td>
                <td>{channelLabel[item.channel]}</td>
                <td>{item.reasons.map(staleReasonText).join('; ')}</td>
                <td>{formatDate(item.at)}</td>
                <td>{item.outletName ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="row">
        <button
          type="button"
          disabled={cursors.length <= 1}
          onClick={() => setCursors((before) => before.slice(0, -1))}
        >
          Previous
        </button>
        <button
          type="button"
          disabled={!page.data?.next}
          data-testid="stale-consents-next"
          onClick={() => {
            const next = page.data?.next ?? null;
            if (next !== null) setCursors((before) => [...before, next]);
          }}
        >
          Next
        </button>
      </div>
    </section>
  );
}

function OutletChoice({
  outletId,
  onChange,
}: {
  outletId: string;
  onChange: (id: string) => void;
}) {
  const outlets = useOutlets();
  return (
    <label>
      Outlet where consent was given{' '}
      <select value={outletId} onChange={(event) => onChange(event.target.value)}>
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
