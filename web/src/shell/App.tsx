import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, onUnauthenticated } from '../api.ts';
import { ApiError, errorMessage } from '../api-error.ts';
import { navigate, useRoute } from '../router.ts';
import { SessionContext, type SessionValue } from '../session.ts';
import { SignIn } from '../sign-in/SignIn.tsx';
import type { Session, Settings } from '../types.ts';
import { Header } from './Header.tsx';
import { Pages } from './Pages.tsx';

type State =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'failed'; message: string }
  | { status: 'signed-in'; session: Session };

export function App() {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [settings, setSettings] = useState<Settings | null>(null);
  const route = useRoute();

  const loadSession = useCallback(() => {
    setState({ status: 'loading' });
    api
      .me()
      .then(({ session }) => setState({ status: 'signed-in', session }))
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 401) setState({ status: 'signed-out' });
        else setState({ status: 'failed', message: errorMessage(error) });
      });
  }, []);

  useEffect(() => {
    loadSession();
    onUnauthenticated(() => setState({ status: 'signed-out' }));
    return () => onUnauthenticated(null);
  }, [loadSession]);

  const signedIn = state.status === 'signed-in';
  useEffect(() => {
    if (!signedIn) return;
    // The shop name is decoration (header, printed card): the app works without it.
    api
      .settings()
      .then(({ settings }) => setSettings(settings))
      .catch(() => setSettings(null));
  }, [signedIn]);

  // Everyone lands on the till: it is where a customer is found fastest.
  useEffect(() => {
    if (signedIn && route.name === 'sign-in') navigate('#/till');
  }, [signedIn, route.name]);

  const signOut = useCallback(() => {
    api
      .signOut()
      .catch(() => undefined)
      .finally(() => {
        setState({ status: 'signed-out' });
        navigate('#/sign-in');
      });
  }, []);

  const value = useMemo<SessionValue | null>(
    () => (state.status === 'signed-in' ? { session: state.session, settings, signOut } : null),
    [state, settings, signOut],
  );

  if (state.status === 'loading') return <p className="page-message">Loading…</p>;
  if (state.status === 'failed') {
    return (
      <div className="page-message">
        <p className="error">{state.message}</p>
        <button onClick={loadSession}>Try again</button>
      </div>
    );
  }
  if (value === null) {
    return <SignIn onSignedIn={(session) => setState({ status: 'signed-in', session })} />;
  }
  return (
    <SessionContext value={value}>
      <Header route={route} />
      <main className="main">
        <Pages route={route} />
      </main>
    </SessionContext>
  );
}
