import { useState, type FormEvent } from 'react';
import { apiKeyFormatProblem } from '../session/session-store';

export function SignInScreen({
  onSignIn,
  error,
}: {
  onSignIn: (key: string) => Promise<void>;
  error: string | null;
}) {
  const [key, setKey] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const formatProblem = apiKeyFormatProblem(key);
    setProblem(formatProblem);
    if (formatProblem) return;
    setBusy(true);
    try {
      await onSignIn(key.trim());
    } finally {
      setBusy(false);
    }
  };
  const message = problem ?? error;
  return (
    <main className="centered">
      <form className="card sign-in" onSubmit={(e) => void submit(e)} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Inner Circle</h1>
        <p>Sign in with your business's API key. It stays in this browser tab only.</p>
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={key}
          onChange={(e) => setKey(e.target.value)}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? 'api-key-error' : undefined}
        />
        {message && (
          <p className="error" id="api-key-error" role="alert">
            {message}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
