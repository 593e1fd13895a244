import { useCallback, useState } from 'react';
import { ErrorText } from '../common/ErrorText.tsx';
import { Pager } from '../common/Pager.tsx';
import { formatDateTime } from '../common/format.ts';
import { useDebounced, useLoad } from '../common/use-load.ts';
import { customerHref } from '../router.ts';
import { actionLabel } from './audit-actions.ts';
import { fetchAudit, type AuditItem } from './audit-api.ts';
import { describeDetail } from './audit-detail.ts';
import { AuditFilters, noFilter, startOfDay, type AuditFilterForm } from './AuditFilters.tsx';
import './audit.css';

const pageSize = 50;

function Who({ item }: { item: AuditItem }) {
  const { actor } = item;
  if (actor.kind === 'staff') {
    return (
      <>
        {actor.name} {actor.username && <span className="muted">({actor.username})</span>}
      </>
    );
  }
  return (
    <>
      {actor.name} <span className="muted">{actor.kind === 'api_key' ? '(API key)' : ''}</span>
    </>
  );
}

/** The subject, unless it is only the actor again (a sign-in is about the one signing in). */
function subjectOf(item: AuditItem): string {
  const { actor, subjectLabel } = item;
  return subjectLabel === `${actor.name} (${actor.username})` ? '' : (subjectLabel ?? '');
}

function Row({ item }: { item: AuditItem }) {
  const detail = describeDetail(item);
  const subject = subjectOf(item);
  return (
    <tr data-testid="audit-row">
      <td className="nowrap">{formatDateTime(item.at)}</td>
      <td title={item.action}>{actionLabel(item.action)}</td>
      <td>
        <Who item={item} />
      </td>
      <td>
        {item.customer ? (
          <a href={customerHref(item.customer.id)}>
            <span className="mono">{item.customer.number}</span> {item.customer.name}
          </a>
        ) : (
          subject
        )}
        {item.customer && subject && <div className="muted">{subject}</div>}
      </td>
      <td className="detail">
        {detail.map((part) => (
          <div key={part}>{part}</div>
        ))}
      </td>
    </tr>
  );
}

/** Who did what to whom and when, newest first, filtered on the server. */
export function AuditScreen() {
  const [page, setPage] = useState(1);
  const [form, setForm] = useState<AuditFilterForm>(noFilter);
  const who = useDebounced(form.who.trim(), 300);
  const { action, fromDay, toDay } = form;
  const loader = useCallback(
    () =>
      fetchAudit({
        page,
        pageSize,
        who,
        action,
        from: startOfDay(fromDay),
        to: startOfDay(toDay, 1),
      }),
    [page, who, action, fromDay, toDay],
  );
  const audit = useLoad(loader);
  const filtered = who !== '' || action !== '' || fromDay !== '' || toDay !== '';

  return (
    <section>
      <h1>Audit log</h1>
      <AuditFilters
        value={form}
        onChange={(next) => {
          setForm(next);
          setPage(1);
        }}
      />
      <ErrorText message={audit.error} />
      <table
        className={audit.loading ? 'table audit loading' : 'table audit'}
        data-testid="audit-table"
      >
        <thead>
          <tr>
            <th>When</th>
            <th>What</th>
            <th>Who</th>
            <th>Customer or subject</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          {audit.data?.items.map((item) => (
            <Row key={item.id} item={item} />
          ))}
          {audit.data?.items.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                {filtered ? 'Nothing logged matches these filters.' : 'Nothing logged yet.'}
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
