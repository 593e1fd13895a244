import { useCallback, useState, type FormEvent } from 'react';
import { ApiError, errorMessage, fieldError } from '../api-error.ts';
import { cardNumberMessage } from '../common/card-guard.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { formatPoints, parsePoints } from '../common/loyalty-format.ts';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import { loyaltyApi } from '../loyalty-api.ts';
import type { BonusReasonCode, PointsAdjustmentBody } from '@contract/loyalty.ts';
import { bonusReasonCodes } from '@domain/loyalty-events.ts';
import { ApprovalForm, type Approval } from '../till/return/ApprovalForm.tsx';
import { announceLoyaltyChange } from './loyalty-changes.ts';
import { reasonCodeLabel } from './points-words.ts';

type Props = {
  customer: { id: string; name: string };
  onDone: (message: string) => void;
  onCancel: () => void;
};

const maxPoints = 1_000_000;

/**
 * Bonus points by hand (or a correction, with a minus): how many, why (a code and words).
 * A supervisor gives them at once; a cashier is asked for a supervisor's username and
 * PIN. The dialog sends its change under one Idempotency-Key, so a double press or a
 * retry after a dropped connection never gives the points twice.
 */
export function BonusPointsDialog({ customer, onDone, onCancel }: Props) {
  const send = useCallback(
    (body: PointsAdjustmentBody, key: string) => loyaltyApi.adjustPoints(customer.id, body, key),
    [customer.id],
  );
  const once = useSubmitOnce(send);
  const [pointsText, setPointsText] = useState('');
  const [reasonCode, setReasonCode] = useState<BonusReasonCode | ''>('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [approval, setApproval] = useState<{ message: string; value: Approval } | null>(null);

  const submit = async (withApproval: Approval | null) => {
    const points = parsePoints(pointsText, true);
    const why = reason.trim();
    const refusal =
      points === null || points === 0 || Math.abs(points) > maxPoints
        ? 'Type the points: 50 gives 50 points, -50 takes 50 away.'
        : reasonCode === ''
          ? 'Choose the reason.'
          : why === ''
            ? 'Say in a few words why, for the customer’s points log.'
            : cardNumberMessage(why, 'Reason');
    setProblem(refusal);
    if (refusal !== null || points === null || reasonCode === '') return;
    const answer = await once.submit({
      points,
      reasonCode,
      reason: why,
      ...(withApproval === null ? {} : { approval: withApproval }),
    });
    if (answer.ok) {
      announceLoyaltyChange(customer.id);
      const { event } = answer.value;
      onDone(
        `${points > 0 ? 'Gave' : 'Took away'} ${formatPoints(Math.abs(points))}. ${customer.name} now has ${formatPoints(event.balanceAfter)}.`,
      );
      return;
    }
    const { error } = answer;
    if (error instanceof ApiError && error.code === 'approval_required') {
      setApproval({
        message: withApproval === null ? `${error.detail}.` : error.detail,
        value: { username: withApproval?.username ?? '', pin: '' },
      });
    }
  };

  const error = once.error;
  const needsApproval = error instanceof ApiError && error.code === 'approval_required';
  const general =
    error === null || needsApproval || fieldMessage(error) !== null ? null : errorMessage(error);
  return (
    <div
      className="overlay"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !event.defaultPrevented) onCancel();
      }}
    >
      <form
        className="dialog stack"
        role="dialog"
        aria-modal="true"
        aria-label="Bonus points"
        data-testid="bonus-dialog"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          if (approval === null) void submit(null);
        }}
      >
        <h2>Bonus points for {customer.name}</h2>
        <div className="row">
          <label>
            Points (−50 takes away)
            <input
              autoFocus
              inputMode="numeric"
              autoComplete="off"
              placeholder="50"
              data-testid="bonus-points"
              value={pointsText}
              onChange={(e) => setPointsText(e.target.value)}
            />
          </label>
          <label className="grow">
            Reason
            <select
              data-testid="bonus-reason-code"
              value={reasonCode}
              onChange={(e) =>
                setReasonCode(bonusReasonCodes.find((code) => code === e.target.value) ?? '')
              }
            >
              <option value="">Choose…</option>
              {bonusReasonCodes.map((code) => (
                <option key={code} value={code}>
                  {reasonCodeLabel[code]}
                </option>
              ))}
            </select>
          </label>
        </div>
        <ErrorText message={fieldError(error, 'points') ?? fieldError(error, 'reasonCode')} />
        <label>
          Why, in a few words
          <input
            autoComplete="off"
            maxLength={200}
            placeholder="e.g. parcel arrived late"
            data-testid="bonus-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
        <ErrorText message={fieldError(error, 'reason')} />
        {approval !== null && (
          <ApprovalForm
            message={approval.message}
            value={approval.value}
            busy={once.busy}
            submitLabel="Approve points"
            onChange={(value) => setApproval({ ...approval, value })}
            onSubmit={() => void submit(approval.value)}
            onCancel={() => {
              setApproval(null);
              once.clearError();
            }}
          />
        )}
        <ErrorText message={problem ?? general} testId="bonus-error" />
        <div className="row">
          <button
            type="submit"
            className="primary"
            data-testid="bonus-submit"
            disabled={once.busy || approval !== null}
          >
            {once.busy ? 'Saving…' : 'Give points'}
          </button>
          <button type="button" data-testid="bonus-cancel" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}

function fieldMessage(error: unknown): string | null {
  return (
    fieldError(error, 'points') ??
    fieldError(error, 'reasonCode') ??
    fieldError(error, 'reason') ??
    null
  );
}
