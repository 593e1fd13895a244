import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import type { Register, Session } from '../types.ts';

// A till keeps its register across sign-ins: the next cashier only types username and PIN.
const registerKey = 'clientele.registerId';

function rememberedRegister(): string {
  try {
    return localStorage.getItem(registerKey) ?? '';
  } catch {
    return '';
  }
}

function rememberRegister(id: string): void {
  try {
    localStorage.setItem(registerKey, id);
  } catch {
    // Private mode or storage disabled: the register is simply asked for again.
  }
}

/** Registers grouped under their outlet, in the order the server lists them. */
function byOutlet(registers: readonly Register[]): [string, Register[]][] {
  const groups = new Map<string, Register[]>();
  for (const r of registers) groups.set(r.outletName, [...(groups.get(r.outletName) ?? []), r]);
  return [...groups];
}

export function PinSignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [registers, setRegisters] = useState<Register[] | null>(null);
  const [registerId, setRegisterId] = useState(rememberedRegister);
  const [username, setUsername] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pinRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    api
      .registers()
      .then(({ registers }) => {
        setRegisters(registers);
        // Keep a remembered register only if it still exists; a single register needs no choice.
        setRegisterId((current) => {
          if (registers.some((r) => r.id === current)) return current;
          return registers.length === 1 && registers[0] !== undefined ? registers[0].id : '';
        });
      })
      .catch((err: unknown) => setError(errorMessage(err)));
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (registerId === '') {
      setError('Choose the register this till is.');
      return;
    }
    setBusy(true);
    setError(null);
    rememberRegister(registerId);
    api
      .pinSignIn({ username: username.trim(), pin, registerId })
      .then(({ session }) => onSignedIn(session))
      .catch((err: unknown) => {
        setError(errorMessage(err));
        setPin('');
        setBusy(false);
        // A mistyped PIN is the usual cause: the cashier retypes it at once.
        pinRef.current?.focus();
      });
  };

  return (
    <form className="stack" onSubmit={submit}>
      <label>
        Register
        <select
          data-testid="pin-register"
          required
          value={registerId}
          onChange={(e) => setRegisterId(e.target.value)}
        >
          <option value="">{registers === null ? 'Loading…' : 'Choose a register'}</option>
          {byOutlet(registers ?? []).map(([outlet, list]) => (
            <optgroup key={outlet} label={outlet}>
              {list.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
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
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" data-testid="pin-submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
