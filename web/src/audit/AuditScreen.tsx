import { useCallback, useState } from 'react';
import { api } from '../api.ts';
import { isRecord } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { Pager } from '../common/Pager.tsx';
import { formatDateTime } from '../common/format.ts';
import { useDebounced, useLoad } from '../common/use-load.ts';
import { customerHref } from '../router.ts';
import type { AuditEntry } from '../types.ts';

const pageSize = 50;

// Suggestions only: the filter is an exact action name, and the server may log others.
const knownActions = [
  'auth.signed_in',
  'auth.sign_in_failed',
  'customer.contacts_revealed',
  'customer.merged',
  'staff.created',
  'staff.updated',
  'api_key.created',
  'api_key.revoked',
];

function detailText(detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  if (typeof detail !== 'object') return String(detail);
  if (Array.isArray(detail)) return detail.map(detailText).join(', ');
  return Object.entries(detail)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => `${key}: ${detailText(value)}`)
    .join(' · ');
}

function Subject({ entry }: { entry: AuditEntry }) {
  if (entry.subjectId === null) return <>{entry.subjectType ?? ''}</>;
  if (entry.subjectType === 'customer') {
    // Reveals and merges log the customer number, which staff recognise; the id is a fallback.
    const detail = entry.detail;
    const number = isRecord(detail) ? detail.customerNumber : undefined;
    const label = typeof number === 'string' ? number : `${entry.subjectId.slice(0, 8)}…`;
    return <a href={customerHref(entry.subjectId)}>customer {label}</a>;
  }
  return (
    <>
      {entry.subjectType} <span className="mono">{entry.subjectId.slice(0, 8)}…</span>
    </>
  );
}

/** Who did what, newest first (F20), filtered by one exact action name. */
export function AuditScreen() {
  const [page, setPage] = useState(1);
  const [actionText, setActionText] = useState('');
  const action = useDebounced(actionText.trim(), 300);
  const loader = useCallback(
    () => api.audit({ page, pageSize, action: action || undefined }),
    [page, action],
  );
  const audit = useLoad(loader);

  return (
    <section>
      <h1>Audit log</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Action
          <input
            type="search"
            list="audit-actions"
            placeholder="e.g. customer.contacts_revealed"
            value={actionText}
            onChange={(e) => {
              setActionText(e.target.value);
              setPage(1);
            }}
          />
        </label>
        <datalist id="audit-actions">
          {knownActions.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </form>
      <ErrorText message={audit.error} />
      <table className={audit.loading ? 'table loading' : 'table'} data-testid="audit-table">
        <thead>
          <tr>
            <th>When</th>
            <th>Action</th>
            <th>Who</th>
            <th>Subject</th>
            <th>Detail</th>
          </tr>
        </thead>
        <tbody>
          {audit.data?.items.map((entry) => (
            <tr key={entry.id}>
              <td className="nowrap">{formatDateTime(entry.at)}</td>
              <td className="mono">{entry.action}</td>
              <td>{entry.actorName ?? entry.actorLabel ?? '—'}</td>
              <td>
                <Subject entry={entry} />
              </td>
              <td className="detail">{detailText(entry.detail)}</td>
            </tr>
          ))}
          {audit.data?.items.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                Nothing logged{action === '' ? '' : ` for “${action}”`}.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {audit.data !== null && (
        <Pager page={page} pageSize={pageSize} total={audit.data.total} onPage={setPage} />
      )}
    </section>
  );
}
