import { join } from 'node:path';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { AppConfig } from '@inner-circle/config';
import type { ApolloDriverPlugin } from './apollo-driver-plugin.js';
import { formatGraphQLError } from './format-graphql-error.js';
import { graphiqlLandingPagePlugin } from './graphiql-landing-page.plugin.js';

export const GRAPHQL_PATH = '/graphql';
/** Committed and checked by a test, so a schema change is always a visible diff. */
export const SCHEMA_FILE = join(__dirname, '..', '..', 'schema.graphql');

/** Bounds on what one operation may ask for, so a single request cannot exhaust the server. */
export const QUERY_LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxCost: 5000,
  maxDirectives: 20,
  maxTokens: 2000,
};

export function createGraphQLOptions(config: AppConfig): ApolloDriverConfig {
  const armor = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    costLimit: { maxCost: QUERY_LIMITS.maxCost },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    maxTokens: { n: QUERY_LIMITS.maxTokens },
    blockFieldSuggestion: { enabled: !config.graphql.introspection },
  }).protect();
  return {
    path: GRAPHQL_PATH,
    // Development (npm start) keeps the committed file current; elsewhere the schema stays in memory.
    autoSchemaFile: config.env === 'development' ? SCHEMA_FILE : true,
    sortSchema: true,
    playground: false,
    graphiql: false,
    introspection: config.graphql.introspection,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // "Did you mean …" hints would reveal the schema to a caller without introspection.
    hideSchemaDetailsFromClientErrors: !config.graphql.introspection,
    includeStacktraceInErrorResponses: false,
    formatError: formatGraphQLError,
    subscriptions: { 'graphql-ws': { path: GRAPHQL_PATH } },
    context: contextFor,
    validationRules: armor.validationRules,
    // Apollo's default cache-control plugin wraps every field resolver; nothing here uses it.
    plugins: [
      ApolloServerPluginCacheControlDisabled() as unknown as ApolloDriverPlugin,
      graphiqlLandingPagePlugin(GRAPHQL_PATH),
      ...(armor.plugins as unknown as ApolloDriverPlugin[]),
    ],
  };
}

/**
 * The GraphQL context is `{ req }` for HTTP (the Fastify request) and for graphql-ws. A
 * WebSocket carries no per-message headers: the API key arrives once, in the connection
 * params, and the same guard as for HTTP checks it on every operation.
 */
function contextFor(source: { connectionParams?: Record<string, unknown> }): { req: object } {
  if (!('connectionParams' in source)) return { req: source };
  const value = source.connectionParams?.authorization ?? source.connectionParams?.Authorization;
  return { req: { headers: { authorization: typeof value === 'string' ? value : undefined } } };
}
