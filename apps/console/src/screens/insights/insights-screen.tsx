import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useQuery } from 'urql';
import { ErrorText } from '../../components/error-text';
import { describeError } from '../../errors/describe-error';
import { InsightsQuery } from '../../graphql/operations';
import { routeHref } from '../../routing/route';
import { distributionSeries, engagementSeries, growthSeries } from './insights.logic';

function ChartCard({
  title,
  label,
  children,
}: {
  title: string;
  label: string;
  children: React.ReactElement;
}) {
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      <div className="chart" role="img" aria-label={label}>
        <ResponsiveContainer width="100%" height={240}>
          {children}
        </ResponsiveContainer>
      </div>
    </section>
  );
}

export function InsightsScreen() {
  const [result] = useQuery({ query: InsightsQuery });
  const error = describeError(result.error);
  if (error) return <ErrorText error={error} />;
  if (!result.data) return <p aria-busy="true">Loading insights…</p>;
  const { insights } = result.data;
  const distribution = distributionSeries(insights.tierDistribution);
  const growth = growthSeries(insights.innerCircleGrowth);
  const engagement = engagementSeries(insights.byTier);
  return (
    <>
      <h1>Insights</h1>
      <div className="grid">
        <ChartCard
          title="Customers per tier"
          label={distribution.map((d) => `${d.name}: ${d.customers}`).join(', ')}
        >
          <BarChart data={distribution}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar dataKey="customers" name="Customers" fill="#1f5fad" isAnimationActive={false} />
          </BarChart>
        </ChartCard>
        <ChartCard
          title="Inner circle per week"
          label={growth
            .map((g) => `week of ${g.week}: ${g.joined} joined, ${-g.left} left, ${g.members} members`)
            .join('; ')}
        >
          <ComposedChart data={growth}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="week" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            <ReferenceLine y={0} stroke="#555" />
            <Bar dataKey="joined" name="Joined" fill="#2e7d32" isAnimationActive={false} />
            <Bar dataKey="left" name="Left" fill="#c62828" isAnimationActive={false} />
            <Line dataKey="members" name="Members" stroke="#1f5fad" isAnimationActive={false} />
          </ComposedChart>
        </ChartCard>
        <ChartCard
          title="Repeat purchases and feedback per tier"
          label={engagement
            .map((e) => `${e.name}: ${e.repeatPercent}% repeat, feedback ${e.feedback ?? 'none'}`)
            .join('; ')}
        >
          <ComposedChart data={engagement}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" />
            <YAxis yAxisId="pct" domain={[0, 100]} unit="%" />
            <YAxis yAxisId="rating" orientation="right" domain={[0, 5]} />
            <Tooltip />
            <Legend />
            <Bar
              yAxisId="pct"
              dataKey="repeatPercent"
              name="Repeat purchase rate"
              fill="#6a4c93"
              isAnimationActive={false}
            />
            <Line
              yAxisId="rating"
              dataKey="feedback"
              name="Average feedback (1–5)"
              stroke="#e07a00"
              isAnimationActive={false}
            />
          </ComposedChart>
        </ChartCard>
        <section className="card" aria-labelledby="referrers-title">
          <h2 id="referrers-title">Top referrers</h2>
          {insights.topReferrers.length === 0 ? (
            <p>No referrals yet.</p>
          ) : (
            <ol className="referrers">
              {insights.topReferrers.map((r) => (
                <li key={r.customerId}>
                  <a href={routeHref({ screen: 'customer', id: r.customerId })}>{r.name ?? r.externalRef}</a>
                  <span
                    className="bar"
                    style={{ width: `${(r.referrals / insights.topReferrers[0].referrals) * 100}%` }}
                    aria-hidden="true"
                  />
                  <span className="num">
                    {r.referrals} referral{r.referrals === 1 ? '' : 's'}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </>
  );
}
