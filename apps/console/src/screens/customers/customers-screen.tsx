import { useDeferredValue, useState } from 'react';
import { useQuery } from 'urql';
import { ErrorText } from '../../components/error-text';
import { formatDate, formatScore } from '../../components/format';
import { describeError } from '../../errors/describe-error';
import type { CustomerFilterInput } from '../../gql/graphql';
import { CustomerByRefQuery, CustomersQuery, LadderQuery } from '../../graphql/operations';
import { routeHref } from '../../routing/route';
import { customerFilter, type WaitlistFilter } from './customers.logic';

export function CustomersScreen() {
  const [search, setSearch] = useState('');
  const [tierId, setTierId] = useState('');
  const [waitlist, setWaitlist] = useState<WaitlistFilter>('any');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const deferredSearch = useDeferredValue(search);
  const filter: CustomerFilterInput = customerFilter({ search: deferredSearch, tierId, waitlist });
  const after = cursors[cursors.length - 1];
  const [ladder] = useQuery({ query: LadderQuery });
  const [result] = useQuery({
    query: CustomersQuery,
    variables: { filter, after, sort: { field: 'SCORE', direction: 'DESC' } },
  });
  const ref = deferredSearch.trim();
  const [byRef] = useQuery({
    query: CustomerByRefQuery,
    variables: { externalRef: ref },
    pause: ref.length === 0,
  });
  const resetPaging = () => setCursors([null]);
  const error = describeError(result.error);
  const page = result.data?.customers;
  return (
    <>
      <h1>Customers</h1>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="customer-search">Search name, email or external ref</label>
          <input
            id="customer-search"
            type="search"
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              resetPaging();
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="customer-tier">Tier</label>
          <select
            id="customer-tier"
            value={tierId}
            onChange={(e) => {
              setTierId(e.target.value);
              resetPaging();
            }}
          >
            <option value="">Any tier</option>
            {ladder.data?.tierLadder.tiers.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="customer-waitlist">Waitlist</label>
          <select
            id="customer-waitlist"
            value={waitlist}
            onChange={(e) => {
              setWaitlist(e.target.value as WaitlistFilter);
              resetPaging();
            }}
          >
            <option value="any">Everyone</option>
            <option value="waiting">Waiting for a tier</option>
            <option value="not-waiting">Not waiting</option>
          </select>
        </div>
      </form>
      {byRef.data && (
        <p className="hint">
          External ref match:{' '}
          <a href={routeHref({ screen: 'customer', id: byRef.data.customerByExternalRef.id })}>{ref}</a>
        </p>
      )}
      <ErrorText error={error} />
      {page && (
        <>
          <p className="hint" aria-live="polite">
            {page.totalCount} customer{page.totalCount === 1 ? '' : 's'}, best score first.
          </p>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col" className="hide-narrow">
                    External ref
                  </th>
                  <th scope="col" className="num">
                    Score
                  </th>
                  <th scope="col">Tier</th>
                  <th scope="col" className="hide-narrow">
                    Last seen
                  </th>
                </tr>
              </thead>
              <tbody>
                {page.edges.map(({ node: c }) => (
                  <tr key={c.id}>
                    <td>
                      <a href={routeHref({ screen: 'customer', id: c.id })}>
                        {c.erasedAt ? 'Erased customer' : (c.name ?? c.email ?? c.externalRef)}
                      </a>
                    </td>
                    <td className="hide-narrow">{c.externalRef}</td>
                    <td className="num">{formatScore(c.score)}</td>
                    <td>
                      {c.tier?.name ?? '—'}
                      {c.waitlistedFor && <span className="badge">waits for {c.waitlistedFor.name}</span>}
                    </td>
                    <td className="hide-narrow">{formatDate(c.lastInteractionAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="pager">
            <button
              type="button"
              disabled={cursors.length < 2}
              onClick={() => setCursors((c) => c.slice(0, -1))}
            >
              Previous page
            </button>
            <button
              type="button"
              disabled={!page.pageInfo.hasNextPage}
              onClick={() => setCursors((c) => [...c, page.pageInfo.endCursor ?? null])}
            >
              Next page
            </button>
          </div>
        </>
      )}
    </>
  );
}
