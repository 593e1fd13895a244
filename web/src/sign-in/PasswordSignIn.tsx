import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import type { Session } from '@contract/staff.ts';

export function PasswordSignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const once = useSubmitOnce(api.signIn);
  const busy = once.busy;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    void once.submit({ username: username.trim(), password }).then((answer) => {
      if (answer.ok) return onSignedIn(answer.value.session);
      if (answer.error === null) return;
      setError(errorMessage(answer.error));
      setPassword('');
    });
  };

  return (
    <form className="stack" onSubmit={submit}>
      <label>
        Username
        <input
          data-testid="password-username"
          autoFocus
          autoComplete="username"
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </label>
      <label>
        Password
        <input
          data-testid="password-password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" data-testid="password-submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
