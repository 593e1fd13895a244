import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import type { CustomerExport } from '@contract/customers-export.ts';

type Props = { customerId: string; customerNumber: string };

/** Hands the document to the browser as a file; nothing of it stays in the page. */
function download(document: CustomerExport, fileName: string) {
  const blob = new Blob([JSON.stringify(document, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = window.document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * The customer's data export (GDPR arts. 15 and 20): everything held about them, contact
 * details in clear, as one JSON file. Asked for with a reason; the server logs each one.
 */
export function ExportSection({ customerId, customerNumber }: Props) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const once = useSubmitOnce((why: string) => api.exportCustomer(customerId, why));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < 3) {
      setError('Give a reason: it is written to the audit log.');
      return;
    }
    setError(null);
    setDone(false);
    const answer = await once.submit(reason.trim());
    if (answer.ok) {
      download(answer.value, `customer-${customerNumber}.json`);
      setReason('');
      setDone(true);
    } else if (answer.error !== null) setError(errorMessage(answer.error));
  };

  return (
    <section className="panel">
      <h2>Data export</h2>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <label>
          Reason for exporting everything held about this customer
          <input
            data-testid="export-reason"
            autoComplete="off"
            placeholder="e.g. subject access request received by email"
            maxLength={200}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
        <ErrorText message={error} />
        {done && <p>Downloaded customer-{customerNumber}.json. The export is in the audit log.</p>}
        <div>
          <button type="submit" data-testid="export-button" disabled={once.busy}>
            {once.busy ? 'Exporting…' : 'Export data (JSON)'}
          </button>
        </div>
      </form>
    </section>
  );
}
