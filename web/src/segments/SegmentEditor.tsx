import { useMemo, useState, type FormEvent } from 'react';
import type { CampaignSegment, SegmentChoices, SegmentCriteria } from '@contract/segments.ts';
import { errorMessage } from '../api-error.ts';
import { ConfirmDialog } from '../common/ConfirmDialog.tsx';
import { ErrorText } from '../common/ErrorText.tsx';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import { CriteriaForm, type Option } from './CriteriaForm.tsx';
import { LiveCount } from './LiveCount.tsx';
import { criteriaToFields, emptyFields, readSegmentFields } from './segment-fields.ts';
import { SegmentPreviewTable } from './SegmentPreviewTable.tsx';
import { SmsExportLink } from './SmsExportLink.tsx';
import { segmentsApi } from './segments-api.ts';

type Props = {
  /** Null: a new segment. */
  segment: CampaignSegment | null;
  groups: Option[];
  outlets: Option[];
  bought: SegmentChoices;
  currency: string;
  /** group.manage: may save, rename and delete; otherwise the form only counts. */
  manage: boolean;
  onSaved: (segment: CampaignSegment) => void;
  onDeleted: () => void;
};

/** One segment: its name and criteria, the live count, members once saved. */
export function SegmentEditor(props: Props) {
  const { segment, groups, outlets, bought, currency, manage, onSaved, onDeleted } = props;
  const [name, setName] = useState(segment?.name ?? '');
  const [fields, setFields] = useState(() =>
    segment ? criteriaToFields(segment.definition, currency) : emptyFields,
  );
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [version, setVersion] = useState(0);
  const read = useMemo(() => readSegmentFields(fields, currency), [fields, currency]);
  const once = useSubmitOnce((definition: SegmentCriteria, key: string) =>
    segment === null
      ? segmentsApi.create({ name, definition }, key)
      : segmentsApi.update(segment.id, { name, definition }, key),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '')
      return setProblem('Give the segment a name, like “Lapsed denim buyers”.');
    if (!read.ok) return setProblem(read.message);
    setProblem(null);
    void once.submit(read.definition).then((answer) => {
      if (answer.ok) {
        // The next save is another piece of work: a new Idempotency-Key.
        once.reset();
        setVersion((v) => v + 1);
        onSaved(answer.value.segment);
      } else if (answer.error !== null) setProblem(errorMessage(answer.error));
    });
  };

  const remove = () => {
    if (segment === null) return;
    setDeleting(true);
    segmentsApi.remove(segment.id).then(onDeleted, (err: unknown) => {
      setDeleting(false);
      setConfirming(false);
      setProblem(errorMessage(err));
    });
  };

  return (
    <form className="stack segment-editor" data-testid="segment-editor" onSubmit={submit}>
      <div className="segment-editor-head">
        <label className="grow">
          Name
          <input
            data-testid="segment-name"
            maxLength={80}
            value={name}
            disabled={!manage}
            placeholder="e.g. Lapsed denim buyers"
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <LiveCount definition={read.ok ? read.definition : null} />
      </div>
      {segment?.source === 'insights_list' && (
        <p className="muted small">
          Saved from the Insights page. Saving here stores it as criteria (it then leaves the
          Insights page’s list).
        </p>
      )}
      <CriteriaForm
        fields={fields}
        onChange={setFields}
        groups={groups}
        outlets={outlets}
        bought={bought}
        currency={currency}
        disabled={false}
      />
      <p className="muted small">
        Customers who objected to profiling are left out whenever a criterion uses what they bought
        or their insights; erased customers never appear. Consent is checked again when a campaign
        sends.
      </p>
      <ErrorText message={problem ?? (read.ok ? null : read.message)} testId="segment-problem" />
      {manage && (
        <div className="row">
          <button type="submit" className="primary" data-testid="segment-save" disabled={once.busy}>
            {segment === null ? 'Save segment' : 'Save changes'}
          </button>
          {segment !== null && (
            <button
              type="button"
              className="danger"
              data-testid="segment-delete"
              onClick={() => setConfirming(true)}
            >
              Delete
            </button>
          )}
        </div>
      )}
      {segment !== null && <SmsExportLink segmentId={segment.id} />}
      {segment !== null && <SegmentPreviewTable segmentId={segment.id} version={version} />}
      {confirming && segment !== null && (
        <ConfirmDialog
          title="Delete this segment?"
          confirmLabel="Delete"
          busy={deleting}
          onConfirm={remove}
          onCancel={() => setConfirming(false)}
        >
          <p>“{segment.name}” will no longer be offered for campaigns. No customer is changed.</p>
        </ConfirmDialog>
      )}
    </form>
  );
}
