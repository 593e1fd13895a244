import { useState } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import type { StaffChangeBody, StaffMember } from '@contract/staff.ts';
import { RoleSelect } from './RoleSelect.tsx';

type Reset = { kind: 'password' | 'pin'; value: string } | null;

/** One staff member: role and active take effect at once; password or PIN reset inline. */
export function StaffRow({ member, onSaved }: { member: StaffMember; onSaved: () => void }) {
  const [reset, setReset] = useState<Reset>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const once = useSubmitOnce((patch: StaffChangeBody) => api.updateStaff(member.id, patch));
  const busy = once.busy;

  const save = (patch: StaffChangeBody, done: string) => {
    setMessage(null);
    void once.submit(patch).then((answer) => {
      if (answer.ok) {
        setMessage({ text: done, error: false });
        setReset(null);
        onSaved();
      } else if (answer.error !== null)
        setMessage({ text: errorMessage(answer.error), error: true });
    });
  };

  return (
    <tr className={member.active ? undefined : 'inactive'}>
      <td className="mono">{member.username}</td>
      <td>{member.displayName}</td>
      <td>
        <RoleSelect
          label={`Role of ${member.username}`}
          value={member.role}
          onChange={(role) => save({ role }, `Role changed to ${role}.`)}
        />
      </td>
      <td>
        <input
          type="checkbox"
          aria-label={`${member.username} active`}
          checked={member.active}
          disabled={busy}
          onChange={(e) =>
            save({ active: e.target.checked }, e.target.checked ? 'Activated.' : 'Deactivated.')
          }
        />
      </td>
      <td>
        {[member.hasPassword ? 'password' : null, member.hasPin ? 'PIN' : null]
          .filter(Boolean)
          .join(', ') || '—'}
      </td>
      <td>
        {reset === null ? (
          <>
            <button type="button" onClick={() => setReset({ kind: 'password', value: '' })}>
              Reset password
            </button>{' '}
            <button type="button" onClick={() => setReset({ kind: 'pin', value: '' })}>
              Reset PIN
            </button>
          </>
        ) : (
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              const patch = reset.kind === 'pin' ? { pin: reset.value } : { password: reset.value };
              save(patch, reset.kind === 'pin' ? 'PIN reset.' : 'Password reset.');
            }}
          >
            <input
              type="password"
              autoFocus
              autoComplete="new-password"
              inputMode={reset.kind === 'pin' ? 'numeric' : undefined}
              aria-label={reset.kind === 'pin' ? 'New PIN' : 'New password'}
              placeholder={reset.kind === 'pin' ? 'New PIN' : 'New password'}
              value={reset.value}
              onChange={(e) => setReset({ ...reset, value: e.target.value })}
            />
            <button type="submit" disabled={busy || reset.value === ''}>
              Save
            </button>
            <button type="button" onClick={() => setReset(null)}>
              Cancel
            </button>
          </form>
        )}
        {message !== null && (
          <span className={message.error ? 'error' : 'note'} role="status">
            {' '}
            {message.text}
          </span>
        )}
      </td>
    </tr>
  );
}
