import { useCallback } from 'react';
import { api } from '../api.ts';
import { isRecord } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { formatDateTime } from '../common/format.ts';
import { useLoad } from '../common/use-load.ts';
import { changeKindLabel } from './change-kinds.ts';

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (Array.isArray(value)) return value.length === 0 ? '(empty)' : value.join(', ');
  if (isRecord(value)) {
    // e.g. preferences: "sizes M, L; brands Levi's"
    const parts = Object.entries(value)
      .filter(([, v]) => !(Array.isArray(v) && v.length === 0) && v !== null && v !== '')
      .map(([k, v]) => `${k} ${show(v)}`);
    return parts.length === 0 ? '(empty)' : parts.join('; ');
  }
  return String(value);
}

// Contact fields come back only as "added", "changed" or "removed": the history must not
// show what a reveal would.
function describe(field: string, change: unknown): string {
  if (typeof change === 'string') return `${field} ${change}`;
  if (isRecord(change) && 'from' in change && 'to' in change) {
    return `${field}: ${show(change.from)} → ${show(change.to)}`;
  }
  return `${field}: ${show(change)}`;
}

/** Who changed what on this profile, in the order the server sends it (keyed by version). */
export function HistoryList({ customerId }: { customerId: string }) {
  const loader = useCallback(() => api.history(customerId), [customerId]);
  const history = useLoad(loader);

  return (
    <section className="panel">
      <h2>Change history</h2>
      <ErrorText message={history.error} />
      {history.data?.changes.length === 0 && <p className="muted">No changes yet.</p>}
      <ol className="history" data-testid="history">
        {history.data?.changes.map((change) => (
          <li key={change.id}>
            <span className="muted">{formatDateTime(change.at)}</span> ·{' '}
            {change.staffName ?? 'system'} · <strong>{changeKindLabel[change.kind]}</strong>
            {Object.keys(change.fields).length > 0 && (
              <ul>
                {Object.entries(change.fields).map(([field, fieldChange]) => (
                  <li key={field}>{describe(field, fieldChange)}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
