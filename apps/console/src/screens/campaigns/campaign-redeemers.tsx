import { useState } from 'react';
import { useQuery } from 'urql';
import { ErrorText } from '../../components/error-text';
import { formatDateTime } from '../../components/format';
import { describeError } from '../../errors/describe-error';
import { CampaignRedeemersQuery } from '../../graphql/operations';
import { routeHref } from '../../routing/route';
import { nextRedeemersPage, REDEEMERS_PAGE } from './campaigns.logic';

/** Who redeemed a campaign, newest first; fetched only when opened, a page more at a time. */
export function CampaignRedeemers({
  campaignId,
  redeemedCount,
}: {
  campaignId: string;
  redeemedCount: number;
}) {
  const [open, setOpen] = useState(false);
  return (
    <details className="redeemers" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Who redeemed ({redeemedCount})</summary>
      {open && <RedeemersList campaignId={campaignId} />}
    </details>
  );
}

function RedeemersList({ campaignId }: { campaignId: string }) {
  const [first, setFirst] = useState(REDEEMERS_PAGE);
  const [result] = useQuery({ query: CampaignRedeemersQuery, variables: { id: campaignId, first } });
  const error = describeError(result.error);
  if (error) return <ErrorText error={error} />;
  const page = result.data?.campaign.redemptions;
  if (!page) return <p aria-busy="true">Loading who redeemed…</p>;
  if (page.edges.length === 0) return <p>Nobody has redeemed it yet.</p>;
  const more = nextRedeemersPage(first, page.pageInfo.hasNextPage);
  return (
    <>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">Who redeemed, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Customer</th>
              <th scope="col">Tier then</th>
              <th scope="col">When</th>
            </tr>
          </thead>
          <tbody>
            {page.edges.map(({ node }) => (
              <tr key={node.id}>
                <td>
                  {node.customer ? (
                    <a href={routeHref({ screen: 'customer', id: node.customer.id })}>
                      {node.customer.name ?? node.customer.externalRef}
                    </a>
                  ) : (
                    'unknown customer'
                  )}
                </td>
                <td>{node.tier?.name ?? 'no tier'}</td>
                <td>{formatDateTime(node.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">
        Showing {page.edges.length} of {page.totalCount}.
      </p>
      {more !== null && (
        <button type="button" onClick={() => setFirst(more)}>
          Show more
        </button>
      )}
    </>
  );
}
