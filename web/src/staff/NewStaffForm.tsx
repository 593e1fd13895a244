import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { errorMessage, fieldError } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import type { Role } from '@contract/staff.ts';
import { RoleSelect } from './RoleSelect.tsx';

const empty = { username: '', displayName: '', password: '', pin: '' };

export function NewStaffForm({ onCreated }: { onCreated: () => void }) {
  const [fields, setFields] = useState(empty);
  const [role, setRole] = useState<Role>('cashier');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const once = useSubmitOnce(api.createStaff);
  const busy = once.busy;

  const set = (key: keyof typeof empty) => (e: { target: { value: string } }) =>
    setFields((current) => ({ ...current, [key]: e.target.value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setDone(null);
    const body = {
      username: fields.username.trim(),
      displayName: fields.displayName.trim(),
      role,
      password: fields.password || undefined,
      pin: fields.pin || undefined,
    };
    void once.submit(body).then((answer) => {
      if (!answer.ok) {
        if (answer.error !== null) setError(answer.error);
        return;
      }
      const { staff } = answer.value;
      setDone(`Added ${staff.displayName} (${staff.username}).`);
      setFields(empty);
      onCreated();
    });
  };

  const named = ['username', 'displayName', 'role', 'password', 'pin'];
  const general =
    error !== null && named.every((f) => fieldError(error, f) === undefined)
      ? errorMessage(error)
      : null;

  return (
    <form className="panel stack" onSubmit={submit} data-testid="new-staff-form">
      <h2>Add staff</h2>
      <div className="row">
        <label>
          Username
          <input autoComplete="off" required value={fields.username} onChange={set('username')} />
          <ErrorText message={fieldError(error, 'username')} />
        </label>
        <label>
          Display name
          <input
            autoComplete="off"
            required
            value={fields.displayName}
            onChange={set('displayName')}
          />
          <ErrorText message={fieldError(error, 'displayName')} />
        </label>
        <label>
          Role
          <RoleSelect value={role} onChange={setRole} />
        </label>
      </div>
      <div className="row">
        <label>
          Password (back office)
          <input
            type="password"
            autoComplete="new-password"
            value={fields.password}
            onChange={set('password')}
          />
          <ErrorText message={fieldError(error, 'password')} />
        </label>
        <label>
          PIN (till)
          <input
            type="password"
            inputMode="numeric"
            autoComplete="off"
            value={fields.pin}
            onChange={(e) => setFields((f) => ({ ...f, pin: e.target.value.replace(/\D/g, '') }))}
          />
          <ErrorText message={fieldError(error, 'pin')} />
        </label>
      </div>
      <ErrorText message={general} />
      {done !== null && <p className="note">{done}</p>}
      <div>
        <button type="submit" className="primary" disabled={busy}>
          Add staff member
        </button>
      </div>
    </form>
  );
}
