import { useState } from 'react';
import { errorMessage } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import { backupsApi, type Backup } from './backups-api.ts';
import { fileName, formatSize } from './backup-words.ts';

/**
 * Takes a backup now. Each click is a new backup, so there is no retry key to keep between
 * clicks; the button stays disabled while one runs (the server queues them anyway).
 */
export function BackUpNow({
  onTaken,
}: {
  onTaken: (backup: Backup, masterKeyNote: string) => void;
}) {
  const once = useSubmitOnce(backupsApi.takeNow);
  const busy = once.busy;
  const [taken, setTaken] = useState<Backup | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = () => {
    setError(null);
    setTaken(null);
    void once.submit(undefined).then((answer) => {
      if (answer.ok) {
        setTaken(answer.value.backup);
        onTaken(answer.value.backup, answer.value.masterKeyNote);
      } else if (answer.error !== null)
        setError(`The backup failed: ${errorMessage(answer.error)}`);
    });
  };
  return (
    <div className="stack">
      <div className="row">
        <button
          type="button"
          className="primary"
          data-testid="backups-take"
          disabled={busy}
          onClick={run}
        >
          {busy ? 'Backing up…' : 'Back up now'}
        </button>
      </div>
      {taken !== null && (
        <p className="note backups-done" role="status" data-testid="backups-taken">
          Backup taken: <span title={taken.file}>{fileName(taken.file)}</span>{' '}
          <span className="size">({formatSize(taken.sizeBytes)})</span>.
        </p>
      )}
      {/* A failed backup is news the admin must not miss: said in a box, not a footnote. */}
      {error !== null && (
        <div className="backups-failed">
          <ErrorText message={error} testId="backups-error" />
        </div>
      )}
    </div>
  );
}
