import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { useSubmitOnce } from '../common/use-submit-once.ts';

type Props = { customerId: string; customerNumber: string };

/** Hands the file to the browser as a download; nothing of it stays in the page. */
function download(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = window.document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * The customer's data export (GDPR arts. 15 and 20): everything held about them, contact
 * details in clear, as one JSON file or as CSV files in a zip for a spreadsheet. Asked for
 * with a reason; the server logs each one with its format.
 */
export function ExportSection({ customerId, customerNumber }: Props) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const json = useSubmitOnce((why: string) => api.exportCustomer(customerId, why));
  const zip = useSubmitOnce((why: string) => api.exportCustomerZip(customerId, why));
  const busy = json.busy || zip.busy;

  /** The JSON document as a file, indented so a person can read it. */
  const exportJson = async (why: string) => {
    const sent = await json.submit(why);
    if (!sent.ok) return sent;
    const text = JSON.stringify(sent.value, null, 2);
    return { ok: true as const, value: new Blob([text], { type: 'application/json' }) };
  };

  const run = async (format: 'json' | 'zip') => {
    if (reason.trim().length < 3) {
      setError('Give a reason: it is written to the audit log.');
      return;
    }
    setError(null);
    setDone(null);
    const fileName =
      format === 'json'
        ? `customer-${customerNumber}.json`
        : `customer-${customerNumber}-export.zip`;
    const answer =
      format === 'json' ? await exportJson(reason.trim()) : await zip.submit(reason.trim());
    if (answer.ok) {
      download(answer.value, fileName);
      setReason('');
      setDone(fileName);
    } else if (answer.error !== null) setError(errorMessage(answer.error));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run('json');
  };

  return (
    <section className="panel">
      <h2>Data export</h2>
      <form className="stack" onSubmit={submit}>
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
        {done && <p>Downloaded {done}. The export is in the audit log.</p>}
        <div className="row">
          <button type="submit" data-testid="export-button" disabled={busy}>
            {json.busy ? 'Exporting…' : 'Export data (JSON)'}
          </button>
          <button
            type="button"
            data-testid="export-zip-button"
            disabled={busy}
            onClick={() => void run('zip')}
          >
            {zip.busy ? 'Exporting…' : 'Export as CSV files (zip)'}
          </button>
        </div>
      </form>
    </section>
  );
}
