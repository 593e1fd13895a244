import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, onUnauthenticated } from '../api.ts';
import { ApiError, errorMessage } from '../api-error.ts';
import { homeHref, navigate, parseHash, useRoute } from '../router.ts';
import { SessionContext, type SessionValue } from '../session.ts';
import { SignIn } from '../sign-in/SignIn.tsx';
import { FirstRun } from '../setup/FirstRun.tsx';
import { setupApi } from '../setup/setup-api.ts';
import type { ShopSettings } from '@contract/shop.ts';
import type { Session } from '@contract/staff.ts';
import { Header } from './Header.tsx';
import { Pages } from './Pages.tsx';

type State =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'first-run' }
  | { status: 'failed'; message: string }
  | { status: 'signed-in'; session: Session };

export function App() {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [settings, setSettings] = useState<ShopSettings | null>(null);
  const route = useRoute();

  const loadSession = useCallback(() => {
    setState({ status: 'loading' });
    api
      .me()
      .then(({ session }) => setState({ status: 'signed-in', session }))
      .catch((error: unknown) => {
        // Signed out, or an empty shop (no demo) where no one can sign in yet.
        if (error instanceof ApiError && error.status === 401)
          setupApi
            .needed()
            .catch(() => false)
            .then((needed) => setState({ status: needed ? 'first-run' : 'signed-out' }));
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

  // A till sign-in lands on the till, where a customer is found fastest; a back-office one
  // (no register to sell at) in the back office. A page asked for by its address stays.
  const home = state.status === 'signed-in' ? homeHref(state.session) : null;
  useEffect(() => {
    if (home !== null && route.name === 'sign-in') navigate(home);
  }, [home, route.name]);

  const signedInAs = useCallback((session: Session) => {
    setState({ status: 'signed-in', session });
    const here = parseHash(window.location.hash).name;
    if (here === 'sign-in' || here === 'till') navigate(homeHref(session));
  }, []);

  const signOut = useCallback(() => {
    api
      .signOut()
      .catch(() => undefined)
      .finally(() => {
        setState({ status: 'signed-out' });
        navigate('#/sign-in');
      });
  }, []);

  const replaceSession = useCallback(
    (session: Session) => setState({ status: 'signed-in', session }),
    [],
  );

  const value = useMemo<SessionValue | null>(
    () =>
      state.status === 'signed-in'
        ? {
            session: state.session,
            settings,
            signOut,
            replaceSession,
            replaceSettings: setSettings,
          }
        : null,
    [state, settings, signOut, replaceSession],
  );

  if (state.status === 'loading') return <p className="page-message">Loading…</p>;
  if (state.status === 'first-run') {
    const setUp = (session: Session) => {
      setState({ status: 'signed-in', session });
      navigate('#/staff'); // the first thing a new shop does: add its staff
    };
    return <FirstRun onSignedIn={setUp} />;
  }
  if (state.status === 'failed') {
    return (
      <div className="page-message">
        <p className="error">{state.message}</p>
        <button onClick={loadSession}>Try again</button>
      </div>
    );
  }
  if (value === null) {
    return <SignIn onSignedIn={signedInAs} />;
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
