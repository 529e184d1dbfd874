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
  'LongWorkProgress',
  'PageInfo',
  'RedemptionConnection',
  'RedemptionEdge',
  'ScoreBreakdown',
  'ScoreByType',
  'ScoreContributor',
  'ScoreRegularity',
  'ScoringSettings',
  'ScoringSimulation',
  'ScoringWeights',
  'SimulatedScoreRank',
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
  'WeeklyCaps',
  'WaitlistEntry',
  'WaitlistEntryConnection',
  'WaitlistEntryEdge',
  'CustomerInteraction',
];

/** What a tier change makes stale: the screens re-fetch it, so they update without a reload. */
function invalidateTierViews(cache: Cache, customerId?: string): void {
  invalidateQueryFields(cache, ['tierLadder', 'tiers', 'insights', 'customers', 'simulateTierLadder']);
  if (customerId) cache.invalidate({ __typename: 'Customer', id: customerId });
}

/** Every cached instance of these root fields, whatever their arguments (pages, filters). */
function invalidateQueryFields(cache: Cache, fields: readonly string[]): void {
  for (const field of cache.inspectFields('Query')) {
    if (fields.includes(field.fieldName))
      cache.invalidate('Query', field.fieldName, field.arguments ?? undefined);
  }
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
            createApiKey: (_r, _a, cache) => invalidateQueryFields(cache, ['apiKeys']),
            createCampaign: (_r, _a, cache) => invalidateQueryFields(cache, ['campaigns']),
            // New settings: every score is recomputed, so tiers, lists and insights follow.
            setScoringSettings: (_r, _a, cache) => {
              invalidateQueryFields(cache, ['scoringSettings', 'simulateScoringSettings']);
              invalidateTierViews(cache);
            },
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
