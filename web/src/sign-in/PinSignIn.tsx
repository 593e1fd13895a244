import { useRef, useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import type { Session } from '@contract/staff.ts';
import { RegisterSelect } from './RegisterSelect.tsx';
import { rememberRegister, useRegisterChoice } from './registers.ts';

export function PinSignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const { registers, registerId, setRegisterId, error: registersError } = useRegisterChoice();
  const [username, setUsername] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const once = useSubmitOnce(api.pinSignIn);
  const busy = once.busy;
  const pinRef = useRef<HTMLInputElement>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (registerId === '') {
      setError('Choose the register this till is.');
      return;
    }
    setError(null);
    rememberRegister(registerId);
    void once.submit({ username: username.trim(), pin, registerId }).then((answer) => {
      if (answer.ok) return onSignedIn(answer.value.session);
      if (answer.error === null) return;
      setError(errorMessage(answer.error));
      setPin('');
      // A mistyped PIN is the usual cause: the cashier retypes it at once.
      pinRef.current?.focus();
    });
  };

  return (
    <form className="stack" onSubmit={submit}>
      <RegisterSelect
        registers={registers}
        value={registerId}
        onChange={setRegisterId}
        testId="pin-register"
      />
      <label>
        Username
        <input
          data-testid="pin-username"
          autoFocus
          autoComplete="username"
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </label>
      <label>
        PIN
        <input
          ref={pinRef}
          data-testid="pin-code"
          type="password"
          inputMode="numeric"
          pattern="[0-9]*"
          autoComplete="off"
          required
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
        />
      </label>
      {(error ?? registersError) !== null && (
        <p className="error" role="alert">
          {error ?? registersError}
        </p>
      )}
      <button type="submit" className="primary" data-testid="pin-submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
