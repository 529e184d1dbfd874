import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorText, FieldMessages } from '../../components/error-text';
import { formatDateTime } from '../../components/format';
import { GuardedButton } from '../../components/guarded-button';
import { describeError, fieldMessages, type DescribedError } from '../../errors/describe-error';
import type { ApiKeyScope } from '../../gql/graphql';
import { ApiKeysQuery, CreateApiKeyMutation, RevokeApiKeyMutation } from '../../graphql/operations';
import { ALL_SCOPES, SCOPE_LABELS } from '../../session/access';
import { ScoringSettingsSection } from './scoring-settings-section';

function NewKey() {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>(['CustomersRead']);
  const [state, create] = useMutation(CreateApiKeyMutation);
  const [error, setError] = useState<DescribedError | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const toggle = (scope: ApiKeyScope) =>
    setScopes((s) => (s.includes(scope) ? s.filter((x) => x !== scope) : [...s, scope]));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setCopied(false);
    const result = await create({ input: { name, scopes } });
    setError(describeError(result.error));
    if (result.data) {
      setSecret(result.data.createApiKey.secret);
      setName('');
    }
  };
  const copy = async () => {
    if (!secret) return;
    await navigator.clipboard.writeText(secret);
    setCopied(true);
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="new-key-title">
      <h2 id="new-key-title">New API key</h2>
      <div className="field">
        <label htmlFor="key-name">Name</label>
        <input
          id="key-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-describedby="key-name-error"
        />
        <FieldMessages id="key-name-error" messages={fieldMessages(error, 'name')} />
      </div>
      <fieldset>
        <legend>Scopes</legend>
        {ALL_SCOPES.map((scope) => (
          <label key={scope} className="check">
            <input type="checkbox" checked={scopes.includes(scope)} onChange={() => toggle(scope)} />
            {SCOPE_LABELS[scope]}
          </label>
        ))}
        <FieldMessages id="key-scopes-error" messages={fieldMessages(error, 'scopes')} />
      </fieldset>
      <GuardedButton scope="Admin" type="submit" className="primary" disabled={state.fetching}>
        Create key
      </GuardedButton>
      <ErrorText error={error && Object.keys(error.fieldErrors).length === 0 ? error : null} />
      {secret && (
        <div className="secret" role="status">
          <p>
            <strong>Copy this key now:</strong> it is shown only once.
          </p>
          <code data-testid="new-key-secret">{secret}</code>
          <button type="button" onClick={() => void copy()}>
            {copied ? 'Copied' : 'Copy'}
          </button>
        </div>
      )}
    </form>
  );
}

export function SettingsScreen() {
  const [result] = useQuery({ query: ApiKeysQuery });
  const [, revoke] = useMutation(RevokeApiKeyMutation);
  const [revokeError, setRevokeError] = useState<{ id: string; error: DescribedError } | null>(null);
  const error = describeError(result.error);
  const onRevoke = async (id: string) => {
    const r = await revoke({ id });
    const described = describeError(r.error);
    setRevokeError(described ? { id, error: described } : null);
  };
  return (
    <>
      <h1>Settings</h1>
      <div className="columns">
        <section aria-labelledby="keys-title">
          <h2 id="keys-title">API keys</h2>
          <ErrorText error={error} />
          {result.data && (
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Prefix</th>
                    <th scope="col">Scopes</th>
                    <th scope="col">Last used</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {result.data.apiKeys.map((k) => (
                    <tr key={k.id}>
                      <td>{k.name}</td>
                      <td>
                        <code>{k.prefix}</code>
                      </td>
                      <td>{k.scopes.map((s) => SCOPE_LABELS[s]).join(', ')}</td>
                      <td>{formatDateTime(k.lastUsedAt)}</td>
                      <td>
                        {k.revokedAt ? (
                          `Revoked ${formatDateTime(k.revokedAt)}`
                        ) : (
                          <GuardedButton scope="Admin" type="button" onClick={() => void onRevoke(k.id)}>
                            Revoke <span className="visually-hidden">{k.name}</span>
                          </GuardedButton>
                        )}
                        {revokeError?.id === k.id && <ErrorText error={revokeError.error} />}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <NewKey />
      </div>
      <ScoringSettingsSection />
    </>
  );
}
