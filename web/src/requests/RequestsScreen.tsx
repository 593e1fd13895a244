import { useCallback } from 'react';
import { ErrorText } from '../common/ErrorText.tsx';
import { formatDate, formatDateTime } from '../common/format.ts';
import { useLoad } from '../common/use-load.ts';
import { customerHref } from '../router.ts';
import { MarkDone } from './MarkDone.tsx';
import { requestsApi, type RightsRequest } from './requests-api.ts';
import { kindLabel } from './requests-words.ts';
import './requests.css';

/**
 * The register's open requests (copies of data, erasures, objections), soonest due first:
 * each must be answered within a month of arriving, so an overdue one stands out.
 */
export function RequestsScreen() {
  const loader = useCallback(() => requestsApi.listOpen(), []);
  const list = useLoad(loader);
  const { data, setData } = list;
  const requests = data?.requests ?? null;
  const overdue = requests?.filter((request) => request.overdue).length ?? 0;

  const done = useCallback(
    (closed: RightsRequest) => {
      if (data !== null) {
        setData({ requests: data.requests.filter((request) => request.id !== closed.id) });
      }
    },
    [data, setData],
  );

  return (
    <section className="stack requests-screen">
      <h1>Requests</h1>
      <p className="muted requests-intro">
        Customers’ requests for a copy of their data, erasure, or to stop profiling. Each is due one
        calendar month after it arrived.
      </p>
      <ErrorText message={list.error} />
      {overdue > 0 && (
        <p className="warning requests-overdue-note" role="note" data-testid="requests-overdue">
          {overdue === 1 ? '1 request is overdue.' : `${overdue} requests are overdue.`}
        </p>
      )}
      <table
        className={list.loading ? 'table requests loading' : 'table requests'}
        data-testid="requests-table"
      >
        <thead>
          <tr>
            <th>Customer</th>
            <th>Request</th>
            <th>Who asked</th>
            <th>Received</th>
            <th>Due</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {requests?.map((request) => (
            <tr
              key={request.id}
              className={request.overdue ? 'overdue' : undefined}
              data-testid="requests-row"
            >
              <td>
                <a href={customerHref(request.customer.id)} className="mono">
                  {request.customer.number}
                </a>
                <div className="name">{request.customer.name}</div>
              </td>
              <td>{kindLabel[request.kind]}</td>
              <td className="asked">
                {request.requestedBy}
                {request.note !== null && <div className="muted">{request.note}</div>}
              </td>
              <td className="nowrap">
                {formatDateTime(request.requestedAt)}
                {request.receivedBy !== null && (
                  <div className="muted">by {request.receivedBy}</div>
                )}
              </td>
              <td className="nowrap" data-testid="requests-due">
                {formatDate(request.dueAt)}
                {request.overdue && (
                  <div>
                    <span className="badge late">Overdue</span>
                  </div>
                )}
              </td>
              <td className="action">
                <MarkDone request={request} onDone={done} />
              </td>
            </tr>
          ))}
          {requests?.length === 0 && (
            <tr>
              <td colSpan={6} className="muted" data-testid="requests-none">
                No open requests
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
