import { useState } from 'react';
import { errorMessage } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import { loyaltyApi } from '../loyalty-api.ts';

/**
 * Brings rule-based groups up to date now (the server does it hourly anyway): who joined,
 * who left.
 */
export function RecomputeButton({ onDone }: { onDone: () => void }) {
  const once = useSubmitOnce(loyaltyApi.recompute);
  const busy = once.busy;
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = () => {
    setError(null);
    setNote(null);
    void once.submit(undefined).then((answer) => {
      if (!answer.ok) {
        if (answer.error !== null) setError(errorMessage(answer.error));
        return;
      }
      const { results } = answer.value;
      setNote(
        results.length === 0
          ? 'There are no active rule-based groups to bring up to date.'
          : results
              .map((result) => `${result.group}: ${result.joined} joined, ${result.left} left`)
              .join(' · '),
      );
      onDone();
    });
  };
  return (
    <div className="stack">
      <div className="row">
        <button type="button" data-testid="groups-recompute" disabled={busy} onClick={run}>
          {busy ? 'Bringing up to date…' : 'Recompute rule-based groups now'}
        </button>
      </div>
      {note !== null && (
        <p className="note" role="status" data-testid="groups-recompute-result">
          {note}
        </p>
      )}
      <ErrorText message={error} />
    </div>
  );
}
