import { useRef, useState, type FormEvent } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useMutation, useQuery } from 'urql';
import { useLearnDenied } from '../../components/access-context';
import { ErrorText, FieldMessages } from '../../components/error-text';
import { formatDate, formatDateTime, formatPercent, formatScore } from '../../components/format';
import { GuardedButton } from '../../components/guarded-button';
import { describeError, fieldMessages, type DescribedError } from '../../errors/describe-error';
import {
  CustomerQuery,
  EraseCustomerMutation,
  LadderQuery,
  LockCustomerMutation,
  UnlockCustomerMutation,
} from '../../graphql/operations';
import { routeHref } from '../../routing/route';
import { breakdownRows, typeLabel } from './customers.logic';

export function CustomerPage({ id }: { id: string }) {
  const [result] = useQuery({ query: CustomerQuery, variables: { id } });
  const error = describeError(result.error);
  if (error) return <ErrorText error={error} />;
  const c = result.data?.customer;
  if (!c) return <p aria-busy="true">Loading the customer…</p>;
  const rows = breakdownRows(c.scoreBreakdown);
  const history = [...c.tierHistory]
    .reverse()
    .map((h) => ({ at: formatDate(h.at), score: Number(h.score.toFixed(1)) }));
  return (
    <>
      <p>
        <a href={routeHref({ screen: 'customers' })}>← Customers</a>
      </p>
      <h1>{c.erasedAt ? 'Erased customer' : (c.name ?? c.externalRef)}</h1>
      <dl className="facts">
        <dt>External ref</dt>
        <dd>{c.externalRef}</dd>
        <dt>Email</dt>
        <dd>{c.email ?? '—'}</dd>
        <dt>Score</dt>
        <dd>{formatScore(c.score)}</dd>
        <dt>Tier</dt>
        <dd>
          {c.tier?.name ?? 'No tier'}
          {c.tierSince && ` since ${formatDate(c.tierSince)}`}
          {c.waitlistedFor && ` · waits for ${c.waitlistedFor.name}`}
        </dd>
        {c.graceUntil && (
          <>
            <dt>Grace until</dt>
            <dd>{formatDate(c.graceUntil)}</dd>
          </>
        )}
        <dt>Joined</dt>
        <dd>{formatDate(c.joinedAt)}</dd>
        {c.erasedAt && (
          <>
            <dt>Erased</dt>
            <dd>{formatDate(c.erasedAt)}</dd>
          </>
        )}
      </dl>

      <div className="columns">
        <section aria-labelledby="breakdown-title">
          <h2 id="breakdown-title">Why this score</h2>
          <table>
            <caption className="visually-hidden">Score breakdown by interaction type</caption>
            <thead>
              <tr>
                <th scope="col">Earned by</th>
                <th scope="col" className="num">
                  Count
                </th>
                <th scope="col" className="num">
                  Points
                </th>
                <th scope="col" className="num">
                  Share
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.label}>
                  <td>{r.label}</td>
                  <td className="num">{r.count ?? '—'}</td>
                  <td className="num">{formatScore(r.points)}</td>
                  <td className="num">{formatPercent(r.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {c.scoreBreakdown.topContributors.length > 0 && (
            <>
              <h3>Worth most today</h3>
              <ol>
                {c.scoreBreakdown.topContributors.map((t) => (
                  <li key={t.interactionId}>
                    {typeLabel(t.type)} {t.interactionId}: {formatScore(t.points)} points
                  </li>
                ))}
              </ol>
            </>
          )}
        </section>
        <section aria-labelledby="history-title">
          <h2 id="history-title">Score at each tier decision</h2>
          {history.length > 1 ? (
            <div className="chart" role="img" aria-label="Line chart of the score at each tier decision">
              <ResponsiveContainer width="100%" height={200}>
                <LineChart data={history}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="at" />
                  <YAxis />
                  <Tooltip />
                  <Line dataKey="score" stroke="#1f5fad" isAnimationActive={false} />
                </LineChart>
              </ResponsiveContainer>
            </div>
          ) : (
            <div className="chart" role="img" aria-label="Bar chart of points by interaction type">
              <ResponsiveContainer width="100%" height={200}>
                <BarChart data={rows}>
                  <XAxis dataKey="label" hide />
                  <YAxis />
                  <Tooltip />
                  <Bar dataKey="points" fill="#1f5fad" isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </div>
          )}
          <h3>Tier history</h3>
          {c.tierHistory.length === 0 ? (
            <p>No tier changes yet.</p>
          ) : (
            <ul className="history">
              {c.tierHistory.map((h, i) => (
                <li key={i}>
                  {formatDateTime(h.at)}: {h.fromTier?.name ?? 'no tier'} → {h.toTier?.name ?? 'no tier'} (
                  {h.reason.toLowerCase().replace(/_/g, ' ')}, score {formatScore(h.score)})
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      {!c.erasedAt && (
        <>
          <LockSection customerId={c.id} lock={c.lock ?? null} />
          <EraseSection customerId={c.id} name={c.name ?? c.externalRef} />
        </>
      )}
    </>
  );
}

function useForbiddenLearning(scope: 'CustomersWrite') {
  const learn = useLearnDenied();
  return (error: DescribedError | null) => {
    if (error?.code === 'FORBIDDEN') learn(scope);
  };
}

function LockSection({
  customerId,
  lock,
}: {
  customerId: string;
  lock: { reason: string; until?: string | null; tier?: { name: string } | null } | null;
}) {
  const [ladder] = useQuery({ query: LadderQuery });
  const [lockState, lockCustomer] = useMutation(LockCustomerMutation);
  const [unlockState, unlockCustomer] = useMutation(UnlockCustomerMutation);
  const [tierId, setTierId] = useState('');
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const [error, setError] = useState<DescribedError | null>(null);
  const learn = useForbiddenLearning('CustomersWrite');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = lock
      ? await unlockCustomer({ customerId, reason: reason || null })
      : await lockCustomer({
          input: {
            customerId,
            tierId: tierId || ladder.data?.tierLadder.tiers[0]?.id || '',
            reason,
            until: until ? new Date(`${until}T00:00:00`).toISOString() : null,
          },
        });
    const described = describeError(result.error);
    setError(described);
    learn(described);
    if (!described) setReason('');
  };
  const busy = lockState.fetching || unlockState.fetching;
  return (
    <section aria-labelledby="lock-title" className="card">
      <h2 id="lock-title">Tier lock</h2>
      {lock ? (
        <p>
          Locked to {lock.tier?.name ?? 'an archived tier'}{' '}
          {lock.until ? `until ${formatDate(lock.until)}` : 'indefinitely'}: “{lock.reason}”.
        </p>
      ) : (
        <p>Not locked: the score decides the tier.</p>
      )}
      <form onSubmit={(e) => void submit(e)} className="inline-form">
        {!lock && (
          <div className="field">
            <label htmlFor="lock-tier">Tier</label>
            <select id="lock-tier" value={tierId} onChange={(e) => setTierId(e.target.value)}>
              {ladder.data?.tierLadder.tiers.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="lock-reason">Reason{lock ? ' (optional)' : ''}</label>
          <input
            id="lock-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required={!lock}
            aria-describedby={fieldMessages(error, 'reason').length ? 'lock-reason-error' : undefined}
          />
          <FieldMessages id="lock-reason-error" messages={fieldMessages(error, 'reason')} />
        </div>
        {!lock && (
          <div className="field">
            <label htmlFor="lock-until">Until (optional)</label>
            <input id="lock-until" type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
            <FieldMessages id="lock-until-error" messages={fieldMessages(error, 'until')} />
          </div>
        )}
        <GuardedButton scope="CustomersWrite" type="submit" disabled={busy}>
          {lock ? 'Unlock' : 'Lock'}
        </GuardedButton>
      </form>
      <ErrorText error={error && Object.keys(error.fieldErrors).length === 0 ? error : null} />
    </section>
  );
}

function EraseSection({ customerId, name }: { customerId: string; name: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [state, erase] = useMutation(EraseCustomerMutation);
  const [error, setError] = useState<DescribedError | null>(null);
  const learn = useForbiddenLearning('CustomersWrite');
  const confirm = async () => {
    const result = await erase({ id: customerId });
    const described = describeError(result.error);
    setError(described);
    learn(described);
    dialog.current?.close();
  };
  return (
    <section aria-labelledby="erase-title" className="card danger-zone">
      <h2 id="erase-title">Erase personal data</h2>
      <p>
        Wipes name, email and comments for good (GDPR). Interactions stay, anonymous; the tier seat is freed.
      </p>
      <GuardedButton
        scope="CustomersWrite"
        type="button"
        className="danger"
        onClick={() => dialog.current?.showModal()}
      >
        Erase…
      </GuardedButton>
      <ErrorText error={error} />
      <dialog ref={dialog} aria-labelledby="erase-confirm-title">
        <h2 id="erase-confirm-title">Erase {name}?</h2>
        <p>This cannot be undone.</p>
        <div className="actions">
          <button type="button" onClick={() => dialog.current?.close()} autoFocus>
            Cancel
          </button>
          <button type="button" className="danger" disabled={state.fetching} onClick={() => void confirm()}>
            Erase for good
          </button>
        </div>
      </dialog>
    </section>
  );
}
