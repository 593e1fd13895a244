import { useCallback, useState, type FormEvent } from 'react';
import { errorMessage } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { formatDateTime } from '../common/format.ts';
import { useLoad } from '../common/use-load.ts';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import { requestsApi, type RightsRequest } from '../requests/requests-api.ts';
import { kindLabel } from '../requests/requests-words.ts';

type Props = { customerId: string; active: boolean };

const kinds = Object.keys(kindLabel) as RightsRequest['kind'][];

/**
 * The customer's data-subject requests on their profile: what they asked for, when it is
 * due (one calendar month), and a form to record a new one as it arrives. The back office's
 * Requests page lists every open one across customers.
 */
export function RightsRequestsSection({ customerId, active }: Props) {
  const load = useCallback(() => requestsApi.forCustomer(customerId), [customerId]);
  const loaded = useLoad(load);
  const [kind, setKind] = useState<RightsRequest['kind']>('export');
  const [requestedBy, setRequestedBy] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const send = useCallback(
    (body: { kind: RightsRequest['kind']; requestedBy: string; note: string }, key: string) =>
      requestsApi.open(
        customerId,
        { kind: body.kind, requestedBy: body.requestedBy, note: body.note || null },
        key,
      ),
    [customerId],
  );
  const once = useSubmitOnce(send);

  const record = async (event: FormEvent) => {
    event.preventDefault();
    if (requestedBy.trim() === '') {
      setProblem('Say how the request came: in person, by email, by letter.');
      return;
    }
    setProblem(null);
    const answer = await once.submit({ kind, requestedBy: requestedBy.trim(), note: note.trim() });
    if (answer.ok) {
      once.reset();
      setRequestedBy('');
      setNote('');
      loaded.reload();
    } else if (answer.error !== null) setProblem(errorMessage(answer.error));
  };

  const requests = loaded.data?.requests ?? [];
  return (
    <section className="panel" data-testid="rights-requests">
      <h2>Data requests</h2>
      {requests.length === 0 ? (
        <p className="muted">No requests recorded.</p>
      ) : (
        <ul className="plain" data-testid="rights-requests-list">
          {requests.map((request) => (
            <li key={request.id}>
              <strong>{kindLabel[request.kind]}</strong> — {request.requestedBy}, received{' '}
              {formatDateTime(request.requestedAt)};{' '}
              {request.doneAt === null
                ? `due ${formatDateTime(request.dueAt)}${request.overdue ? ' (overdue)' : ''}`
                : `done ${formatDateTime(request.doneAt)}: ${request.outcome ?? ''}`}
            </li>
          ))}
        </ul>
      )}
      {active && (
        <form className="stack" onSubmit={(e) => void record(e)}>
          <div className="row">
            <label>
              Request
              <select
                data-testid="rights-request-kind"
                value={kind}
                onChange={(e) => setKind(e.target.value as RightsRequest['kind'])}
              >
                {kinds.map((value) => (
                  <option key={value} value={value}>
                    {kindLabel[value]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              How it came
              <input
                type="text"
                maxLength={200}
                data-testid="rights-request-by"
                placeholder="e.g. in person at the till, by email"
                value={requestedBy}
                onChange={(e) => setRequestedBy(e.target.value)}
              />
            </label>
          </div>
          <label>
            Note (optional)
            <input
              type="text"
              maxLength={500}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </label>
          <ErrorText message={problem ?? loaded.error} />
          <div className="row">
            <button type="submit" data-testid="rights-request-record" disabled={once.busy}>
              Record request
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
