import type { Client } from 'urql';
import {
  ApiKeysQuery,
  BusinessQuery,
  ProbeCustomersReadQuery,
  ProbeInsightsReadQuery,
} from '../graphql/operations';
import { describeError } from '../errors/describe-error';
import { exactAccess, findOwnKey, probedAccess, type Access } from './access';

export type DetectedAccess = { businessName: string; access: Access } | { error: string };

function isForbidden(
  error: { graphQLErrors?: readonly { extensions?: Record<string, unknown> }[] } | undefined,
) {
  return error?.graphQLErrors?.some((e) => e.extensions?.code === 'FORBIDDEN') ?? false;
}

/** Signs in: checks the key, then learns what it may do (see access.ts for why it is probed). */
export async function detectAccess(client: Client, apiKey: string): Promise<DetectedAccess> {
  const options = { requestPolicy: 'network-only' as const };
  const business = await client.query(BusinessQuery, {}, options).toPromise();
  if (!business.data) {
    const code = business.error?.graphQLErrors?.[0]?.extensions?.code;
    if (code === 'UNAUTHENTICATED')
      return { error: 'This API key was not accepted: it is unknown or revoked.' };
    return { error: describeError(business.error)?.message ?? 'Signing in failed.' };
  }
  const businessName = business.data.business.name;
  const keys = await client.query(ApiKeysQuery, {}, options).toPromise();
  if (keys.data) {
    const own = findOwnKey(keys.data.apiKeys, apiKey);
    return { businessName, access: exactAccess(own?.scopes ?? ['Admin']) };
  }
  if (!isForbidden(keys.error)) return { error: describeError(keys.error)?.message ?? 'Signing in failed.' };
  const [customers, insights] = await Promise.all([
    client.query(ProbeCustomersReadQuery, {}, options).toPromise(),
    client.query(ProbeInsightsReadQuery, {}, options).toPromise(),
  ]);
  return {
    businessName,
    access: probedAccess([
      ['CustomersRead', !isForbidden(customers.error)],
      ['InsightsRead', !isForbidden(insights.error)],
    ]),
  };
}
