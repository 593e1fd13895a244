import { useState, type FormEvent } from 'react';
import type { NewSegmentBody } from '@contract/insights.ts';
import { errorMessage } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { useCan } from '../session.ts';
import { insightsApi } from './insights-api.ts';

type Props = {
  /** The list's filter as a segment definition (what "Save as segment" stores). */
  definition: NewSegmentBody['definition'];
  /** The .csv link for the list as filtered now; none where the API has no file. */
  csvUrl: string | null;
  /** A name to start from, e.g. "Lapsed — Brighton". */
  suggestedName: string;
  testId: string;
};

/**
 * A list's tools: its CSV file (personal data: only with customer.export, and the server
 * audits each download) and "Save as segment", which stores the filter by name for
 * campaigns (group.manage), not the customers it finds today.
 */
export function ListTools({ definition, csvUrl, suggestedName, testId }: Props) {
  const can = useCan();
  const [name, setName] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (name === null || saving) return;
    setSaving(true);
    setError(null);
    try {
      const answer = await insightsApi.saveSegment({ name: name.trim(), definition });
      setSaved(answer.segment.name);
      setName(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="insights-tools" data-testid={`${testId}-tools`}>
      {can('customer.export') && csvUrl !== null && (
        <a className="button" href={csvUrl} download data-testid={`${testId}-csv`}>
          Export CSV
        </a>
      )}
      {can('group.manage') &&
        (name === null ? (
          <button
            type="button"
            data-testid={`${testId}-save-segment`}
            onClick={() => {
              setSaved(null);
              setName(suggestedName);
            }}
          >
            Save as segment
          </button>
        ) : (
          <form className="insights-save" onSubmit={save}>
            <label>
              Segment name
              <input
                value={name}
                maxLength={80}
                autoFocus
                required
                data-testid={`${testId}-segment-name`}
                onChange={(event) => setName(event.target.value)}
              />
            </label>
            <button type="submit" disabled={saving} data-testid={`${testId}-segment-save`}>
              Save
            </button>
            <button type="button" className="link-button" onClick={() => setName(null)}>
              Cancel
            </button>
          </form>
        ))}
      {saved !== null && (
        <span className="badge ok" data-testid={`${testId}-segment-saved`}>
          Saved as segment “{saved}”
        </span>
      )}
      <ErrorText message={error} testId={`${testId}-segment-error`} />
    </div>
  );
}
