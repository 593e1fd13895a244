import type { KeyboardEvent } from 'react';
import type { Approval } from '@contract/staff.ts';

export type { Approval };

type Props = {
  message: string;
  value: Approval;
  busy: boolean;
  onChange: (value: Approval) => void;
  onSubmit: () => void;
  onCancel: () => void;
  /** What the button approves: "Approve refund", "Approve void". */
  submitLabel?: string;
};

/**
 * A supervisor types their username and PIN at the till to approve what the cashier may
 * not do alone (a no-receipt refund over the limit, a void).
 */
export function ApprovalForm(props: Props) {
  const { message, value, busy, onChange, onSubmit, onCancel } = props;
  const ready = value.username.trim() !== '' && value.pin !== '';
  // Not a <form>: it sits inside the return's form. Enter approves, Escape cancels.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      event.stopPropagation();
      if (ready && !busy) onSubmit();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    }
  };
  return (
    <div
      className="warning stack approval"
      role="group"
      aria-label="Supervisor approval"
      data-testid="approval-form"
      onKeyDown={onKeyDown}
    >
      <p role="alert">{message}</p>
      <div className="row">
        <label>
          Supervisor username
          <input
            autoFocus
            autoComplete="off"
            spellCheck={false}
            data-testid="approval-username"
            value={value.username}
            onChange={(e) => onChange({ ...value, username: e.target.value })}
          />
        </label>
        <label>
          PIN
          <input
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            data-testid="approval-pin"
            value={value.pin}
            onChange={(e) => onChange({ ...value, pin: e.target.value })}
          />
        </label>
        <button
          type="button"
          className="primary"
          data-testid="approval-submit"
          disabled={busy || !ready}
          onClick={onSubmit}
        >
          {props.submitLabel ?? 'Approve refund'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
