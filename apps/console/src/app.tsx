import { useCallback, useEffect, useMemo, useState } from 'react';
import { Provider } from 'urql';
import { AccessContext } from './components/access-context';
import { createConsoleClient } from './graphql/client';
import type { ApiKeyScope } from './gql/graphql';
import { Shell } from './shell';
import { detectAccess } from './session/detect-access';
import { type Access, withDenied } from './session/access';
import { forgetApiKey, readApiKey, saveApiKey } from './session/session-store';
import { SignInScreen } from './screens/sign-in-screen';

interface Session {
  apiKey: string;
  businessName: string;
  access: Access;
}

export function App() {
  const [session, setSession] = useState<Session | null>(null);
  const [restoring, setRestoring] = useState(() => readApiKey() !== null);
  const [signInError, setSignInError] = useState<string | null>(null);

  const signIn = useCallback(async (apiKey: string) => {
    setSignInError(null);
    const probe = createConsoleClient(apiKey);
    try {
      const result = await detectAccess(probe.client, apiKey);
      if ('error' in result) {
        forgetApiKey();
        setSignInError(result.error);
        return;
      }
      saveApiKey(apiKey);
      setSession({ apiKey, businessName: result.businessName, access: result.access });
    } finally {
      probe.dispose();
    }
  }, []);

  useEffect(() => {
    const stored = readApiKey();
    if (stored) void signIn(stored).finally(() => setRestoring(false));
  }, [signIn]);

  const signOut = useCallback(() => {
    forgetApiKey();
    setSession(null);
  }, []);

  if (restoring && !session) {
    return (
      <main className="centered" aria-busy="true">
        <p>Signing in…</p>
      </main>
    );
  }
  if (!session) return <SignInScreen onSignIn={signIn} error={signInError} />;
  return <SignedIn key={session.apiKey} session={session} onSignOut={signOut} />;
}

function SignedIn({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const { client, dispose } = useMemo(() => createConsoleClient(session.apiKey), [session.apiKey]);
  useEffect(() => dispose, [dispose]);
  const [access, setAccess] = useState(session.access);
  const learnDenied = useCallback((scope: ApiKeyScope) => setAccess((a) => withDenied(a, scope)), []);
  const accessState = useMemo(() => ({ access, learnDenied }), [access, learnDenied]);
  return (
    <Provider value={client}>
      <AccessContext.Provider value={accessState}>
        <Shell businessName={session.businessName} onSignOut={onSignOut} />
      </AccessContext.Provider>
    </Provider>
  );
}
