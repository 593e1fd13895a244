import { useRef, useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import { useSession } from '../session.ts';
import { RegisterSelect } from '../sign-in/RegisterSelect.tsx';
import { rememberRegister, useRegisterChoice } from '../sign-in/registers.ts';

/**
 * A back-office sign-in has no register, and a sale or refund is made at one (its number,
 * its outlet). Before the till opens, the user says which register this is and confirms
 * with their PIN: the same till sign-in a cashier makes, under the same name.
 */
export function RegisterPicker() {
  const { session, replaceSession } = useSession();
  const { registers, registerId, setRegisterId, error: registersError } = useRegisterChoice();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const once = useSubmitOnce(api.pinSignIn);
  const busy = once.busy;
  const pinRef = useRef<HTMLInputElement>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (registerId === '') return setError('Choose the register this till is.');
    setError(null);
    void once.submit({ username: session.staff.username, pin, registerId }).then((answer) => {
      if (answer.ok) {
        rememberRegister(registerId);
        replaceSession(answer.value.session);
        return;
      }
      if (answer.error === null) return;
      setError(errorMessage(answer.error));
      setPin('');
      pinRef.current?.focus();
    });
  };

  const shown = error ?? registersError;
  return (
    <section className="card register-picker stack" data-testid="till-register-picker">
      <h2>Which till is this?</h2>
      <p>
        You signed in to the back office, without a register. To sell and take returns here, choose
        this till’s register and confirm with your PIN.
      </p>
      <form className="stack" onSubmit={submit}>
        <RegisterSelect
          registers={registers}
          value={registerId}
          onChange={setRegisterId}
          testId="till-register"
        />
        <label>
          PIN of {session.staff.displayName}
          <input
            ref={pinRef}
            data-testid="till-register-pin"
            type="password"
            inputMode="numeric"
            pattern="[0-9]*"
            autoComplete="off"
            autoFocus
            required
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
          />
        </label>
        {shown !== null && (
          <p className="error" role="alert" data-testid="till-register-error">
            {shown}
          </p>
        )}
        <div className="row">
          <button
            type="submit"
            className="primary"
            data-testid="till-register-submit"
            disabled={busy}
          >
            {busy ? 'Opening…' : 'Open the till'}
          </button>
          <a href="#/customers">Back office</a>
        </div>
      </form>
    </section>
  );
}
