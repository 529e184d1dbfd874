import { useQuery } from 'urql';
import { ErrorText } from '../../components/error-text';
import { formatDate, formatScore } from '../../components/format';
import { describeError } from '../../errors/describe-error';
import { InnerCircleQuery, LadderQuery } from '../../graphql/operations';
import { routeHref } from '../../routing/route';
import { nextPeriodLabel, topTier, WAIT_REASON_TEXT, waitReason } from './inner-circle.logic';

function Meter({ label, used, total }: { label: string; used: number; total: number | null | undefined }) {
  return (
    <div className="meter">
      <span className="meter-label">{label}</span>
      <span className="meter-figure">
        {used} / {total ?? '∞'}
      </span>
      {total != null && (
        <progress value={Math.min(used, total)} max={Math.max(total, 1)} aria-label={label} />
      )}
    </div>
  );
}

export function InnerCircleScreen() {
  const [ladder] = useQuery({ query: LadderQuery });
  const top = topTier(ladder.data?.tierLadder.tiers ?? []);
  const [result] = useQuery({
    query: InnerCircleQuery,
    variables: { tierId: top?.id ?? '', waitFirst: 25 },
    pause: !top,
  });
  const error = describeError(ladder.error ?? result.error);
  if (error) return <ErrorText error={error} />;
  if (ladder.data && !top) return <p>The ladder has no tiers yet. Add some on the Ladder screen.</p>;
  const tier = result.data?.tierLadder.tiers.find((t) => t.id === top?.id);
  if (!tier || !result.data) return <p aria-busy="true">Loading the inner circle…</p>;
  const members = result.data.customers.edges.map((e) => e.node);
  const waitlist = tier.waitlist.edges.map((e) => e.node);
  const reason = waitReason(tier);
  return (
    <>
      <h1>Inner circle: {tier.name}</h1>
      <section className="figures" aria-label="Seats and admissions">
        <Meter label="Seats used" used={tier.capacityUsed ?? tier.members} total={tier.capacity} />
        {tier.admissionQuota ? (
          <div>
            <Meter
              label={`Admissions this ${tier.admissionQuota.period === 'WEEK' ? 'week' : 'month'}`}
              used={tier.quotaUsedThisPeriod ?? 0}
              total={tier.admissionQuota.limit}
            />
            <p className="hint">
              Next period opens{' '}
              {nextPeriodLabel(tier.admissionQuota.period, result.data.tierLadder.timeZone, new Date())}.
            </p>
          </div>
        ) : (
          <p className="hint">No admission quota: qualifiers enter while seats are free.</p>
        )}
      </section>
      <div className="columns">
        <section aria-labelledby="members-title">
          <h2 id="members-title">Members ({result.data.customers.totalCount})</h2>
          {members.length === 0 ? (
            <p>Nobody holds a seat yet.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col" className="num">
                    Score
                  </th>
                  <th scope="col">Since</th>
                </tr>
              </thead>
              <tbody>
                {members.map((m) => (
                  <tr key={m.id}>
                    <td>
                      <a href={routeHref({ screen: 'customer', id: m.id })}>{m.name ?? m.externalRef}</a>
                      {m.lock && <span className="badge">locked</span>}
                    </td>
                    <td className="num">{formatScore(m.score)}</td>
                    <td>{formatDate(m.tierSince)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section aria-labelledby="waitlist-title">
          <h2 id="waitlist-title">Waitlist ({tier.waitlist.totalCount})</h2>
          {waitlist.length === 0 ? (
            <p>Nobody is waiting.</p>
          ) : (
            <>
              <p className="hint">
                Why they wait: <strong>{reason.replace('_', ' ')}</strong> — {WAIT_REASON_TEXT[reason]}.
              </p>
              <ol className="waitlist">
                {waitlist.map((w) => (
                  <li key={w.customer.id}>
                    <span className="rank">{w.rank}</span>
                    <a href={routeHref({ screen: 'customer', id: w.customer.id })}>
                      {w.customer.name ?? w.customer.externalRef}
                    </a>
                    <span className="num">{formatScore(w.score)}</span>
                    <span className="badge">{reason}</span>
                  </li>
                ))}
              </ol>
            </>
          )}
        </section>
      </div>
    </>
  );
}
