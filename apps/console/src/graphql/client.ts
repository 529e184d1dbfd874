import { cacheExchange, type Cache } from '@urql/exchange-graphcache';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { Client, fetchExchange, subscriptionExchange } from 'urql';

// Types without an `id` are embedded in their parent rather than normalised.
const EMBEDDED = [
  'AdmissionQuota',
  'CampaignAudience',
  'CampaignCapacity',
  'CampaignCaps',
  'CampaignConnection',
  'CampaignEdge',
  'CampaignPeriodCap',
  'CampaignStats',
  'CampaignTierCount',
  'CreateApiKeyPayload',
  'CustomerConnection',
  'CustomerEdge',
  'CustomerTierChange',
  'CustomerTierLock',
  'CustomerTierLockState',
  'DowngradeWarning',
  'InnerCircleGrowthWeek',
  'Insights',
  'PageInfo',
  'ScoreBreakdown',
  'ScoreByType',
  'ScoreContributor',
  'ScoreRegularity',
  'SimulatedTier',
  'SimulatedTierMovement',
  'SimulatedTierRef',
  'TierChangeEvent',
  'TierDistributionEntry',
  'TierEngagement',
  'TierLadder',
  'TierLadderSimulation',
  'TierRef',
  'TopReferrer',
  'WaitlistEntry',
  'WaitlistEntryConnection',
  'WaitlistEntryEdge',
  'CustomerInteraction',
];

/** What a tier change makes stale: the screens re-fetch it, so they update without a reload. */
function invalidateTierViews(cache: Cache, customerId?: string): void {
  for (const field of ['tierLadder', 'tiers', 'insights', 'customers', 'simulateTierLadder']) {
    cache.invalidate('Query', field);
  }
  if (customerId) cache.invalidate({ __typename: 'Customer', id: customerId });
}

export interface ConsoleClient {
  client: Client;
  dispose: () => void;
}

export function createConsoleClient(apiKey: string, origin: string = window.location.origin): ConsoleClient {
  const wsUrl = `${origin.replace(/^http/, 'ws')}/graphql`;
  const ws: WsClient = createWsClient({
    url: wsUrl,
    connectionParams: { authorization: `Bearer ${apiKey}` },
    retryAttempts: Infinity,
    shouldRetry: () => true,
    lazy: true,
  });
  const client = new Client({
    url: `${origin}/graphql`,
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: () => ({ headers: { authorization: `Bearer ${apiKey}` } }),
    exchanges: [
      cacheExchange({
        keys: Object.fromEntries(EMBEDDED.map((t) => [t, () => null])),
        updates: {
          Subscription: {
            tierChanged: (result, _args, cache) => {
              const event = result.tierChanged as { customerId?: string } | undefined;
              invalidateTierViews(cache, event?.customerId);
            },
          },
          Mutation: {
            setTierLadder: (_r, _a, cache) => invalidateTierViews(cache),
            lockCustomerTier: (_r, args, cache) =>
              invalidateTierViews(cache, (args.input as { customerId: string }).customerId),
            unlockCustomerTier: (_r, args, cache) => invalidateTierViews(cache, args.customerId as string),
            eraseCustomer: (_r, args, cache) => invalidateTierViews(cache, args.id as string),
            createApiKey: (_r, _a, cache) => cache.invalidate('Query', 'apiKeys'),
            createCampaign: (_r, _a, cache) => cache.invalidate('Query', 'campaigns'),
          },
        },
      }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
  return { client, dispose: () => void ws.dispose() };
}
