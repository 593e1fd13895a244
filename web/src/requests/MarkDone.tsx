import { useState } from 'react';
import { errorMessage } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import { requestsApi, type RightsRequest } from './requests-api.ts';

const send = ({ id, outcome }: { id: string; outcome: string }, key: string) =>
  requestsApi.complete(id, outcome, key);

/**
 * "Mark done" on one open request: asks what was done (kept as the request's outcome),
 * then closes it. One key per request, so a double click closes it once.
 */
export function MarkDone({
  request,
  onDone,
}: {
  request: RightsRequest;
  onDone: (done: RightsRequest) => void;
}) {
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState('');
  const once = useSubmitOnce(send);
  const [error, setError] = useState<string | null>(null);

  if (!open) {
    return (
      <button type="button" data-testid="requests-mark-done" onClick={() => setOpen(true)}>
        Mark done
      </button>
    );
  }
  const save = () => {
    if (outcome.trim() === '') {
      setError('Say what was done, such as “export emailed” or “erased”.');
      return;
    }
    setError(null);
    void once.submit({ id: request.id, outcome: outcome.trim() }).then((answer) => {
      if (answer.ok) onDone(answer.value.request);
      else if (answer.error !== null) setError(errorMessage(answer.error));
    });
  };
  return (
    <form
      className="stack requests-done-form"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <label>
        What was done
        <input
          value={outcome}
          maxLength={500}
          autoFocus
          data-testid="requests-outcome"
          onChange={(event) => {
            setOutcome(event.target.value);
            setError(null);
          }}
        />
      </label>
      <ErrorText message={error} testId="requests-error" />
      <div className="row">
        <button type="submit" className="primary" disabled={once.busy} data-testid="requests-save">
          {once.busy ? 'Saving…' : 'Done'}
        </button>
        <button type="button" disabled={once.busy} onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
