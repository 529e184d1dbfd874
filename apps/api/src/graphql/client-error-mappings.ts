import type { GraphQLError } from 'graphql';
import { ApiKeyException, toApiKeyClientError } from '../api-keys/api-keys.exception.js';
import { CampaignException, toCampaignGraphQLError } from '../campaigns/campaigns.exception.js';
import { CustomerException, toCustomerGraphQLError } from '../customers/customers.exception.js';
import { InteractionException, toInteractionClientError } from '../interactions/interactions.exception.js';
import { ScoringException, toScoringGraphQLError } from '../scoring/scoring.exception.js';
import { TiersException, toTiersGraphQLError } from '../tiers/tiers.exception.js';

/** A feature's typed error class and its module's exhaustive mapper (in the feature's `*.exception.ts`). */
export interface ClientErrorMapping {
  readonly type: abstract new (...args: never[]) => Error;
  readonly toClientError: (error: Error) => GraphQLError;
}

function mapping<E extends Error>(
  type: abstract new (...args: never[]) => E,
  toClientError: (error: E) => GraphQLError,
): ClientErrorMapping {
  return { type, toClientError: (error) => toClientError(error as E) };
}

/**
 * Every typed error a service may throw, whichever resolver (operation, field or
 * subscription) it escapes from: `formatGraphQLError` consults this list, so services and
 * resolvers never map errors themselves. A new `*Exception` is added here (a unit test
 * checks that every one is).
 */
export const CLIENT_ERROR_MAPPINGS: readonly ClientErrorMapping[] = [
  mapping(ApiKeyException, toApiKeyClientError),
  mapping(CampaignException, toCampaignGraphQLError),
  mapping(CustomerException, toCustomerGraphQLError),
  mapping(InteractionException, toInteractionClientError),
  mapping(ScoringException, toScoringGraphQLError),
  mapping(TiersException, toTiersGraphQLError),
];

/** The client error for a typed error, or undefined for anything else (which stays internal). */
export function toClientError(error: unknown): GraphQLError | undefined {
  if (!(error instanceof Error)) return undefined;
  return CLIENT_ERROR_MAPPINGS.find(({ type }) => error instanceof type)?.toClientError(error);
}
