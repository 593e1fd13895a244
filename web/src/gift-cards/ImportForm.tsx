import { useState, type ChangeEvent, type FormEvent } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import type { GiftCardImportReport } from '@contract/stored-value.ts';

/**
 * Brings over the cards of an earlier system: a CSV with number, balance (in minor units),
 * currency, expires_at. Importing the same file again skips what is already here.
 */
export function ImportForm({ onImported }: { onImported: () => void }) {
  const [csv, setCsv] = useState('');
  const once = useSubmitOnce((text: string) => api.importGiftCards(text));
  const busy = once.busy;
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<GiftCardImportReport | null>(null);

  const readFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) void file.text().then(setCsv);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (csv.trim() === '') return setError('Choose the CSV file, or paste its text.');
    setError(null);
    setResult(null);
    const answer = await once.submit(csv);
    if (answer.ok) {
      setResult(answer.value);
      onImported();
    } else if (answer.error !== null) setError(errorMessage(answer.error));
  };

  const rejected = result?.lines.filter((line) => line.status === 'rejected') ?? [];
  return (
    <form className="stack" data-testid="gift-card-import" onSubmit={(e) => void submit(e)}>
      <h2>Import cards from an earlier system</h2>
      <p className="muted">
        CSV columns: number, balance (an amount like 25.00), currency, expires_at (may be empty).
      </p>
      <input
        type="file"
        accept=".csv,text/csv"
        data-testid="gift-card-import-file"
        onChange={readFile}
      />
      <textarea
        rows={4}
        spellCheck={false}
        data-testid="gift-card-import-csv"
        placeholder="number,balance,currency,expires_at"
        value={csv}
        onChange={(e) => setCsv(e.target.value)}
      />
      <ErrorText message={error} testId="gift-card-import-error" />
      {result !== null && (
        <div className="note" role="status" data-testid="gift-card-import-result">
          <p>
            Imported {result.imported}, skipped {result.skipped} (already imported), rejected{' '}
            {result.rejected}.
          </p>
          {rejected.length > 0 && (
            <ul className="plain">
              {rejected.map((line) => (
                <li key={line.line}>
                  Line {line.line}: {line.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="row">
        <button
          type="submit"
          className="primary"
          data-testid="gift-card-import-submit"
          disabled={busy}
        >
          {busy ? 'Importing…' : 'Import'}
        </button>
      </div>
    </form>
  );
}
