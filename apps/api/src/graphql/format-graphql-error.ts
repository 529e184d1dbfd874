import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { toClientError } from './client-error-mappings.js';
import { hideSchemaSuggestions } from './operation-rules.js';

/** Codes whose message was written for the client; everything else is masked. */
const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'RATE_LIMITED',
]);

const logger = new Logger('GraphQLErrors');

/**
 * The one place errors become what the client sees. A typed error of a feature (thrown by a
 * service, from any resolver) goes through its module's mapper (`client-error-mappings.ts`);
 * every error leaves with `extensions.code` and its path and never a stack trace; an
 * unexpected one is logged with a correlation id that the client can quote.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  // graphql-js wraps what a resolver threw (with its path); a path-less wrap is unwrapped too.
  const cause = error instanceof GraphQLError && error.originalError ? error.originalError : error;
  const mapped = toClientError(cause);
  if (mapped) {
    return {
      message: mapped.message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { ...mapped.extensions },
    };
  }
  const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : undefined;
  if (code && CLIENT_CODES.has(code)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  const correlationId = randomUUID();
  logger.error(
    { correlationId, path: formatted.path, err: cause instanceof Error ? cause : String(cause) },
    'unexpected error while resolving a GraphQL operation',
  );
  return {
    message: `Internal server error (correlation id ${correlationId})`,
    ...(formatted.path ? { path: formatted.path } : {}),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId },
  };
}

/**
 * The same masking for an error that never went through Apollo (graphql-ws): client codes
 * keep their message (without schema hints when introspection is off), anything else is
 * logged with a correlation id and masked.
 */
export function maskGraphQLError(error: GraphQLError, hideSuggestions: boolean): GraphQLFormattedError {
  const json = error.toJSON();
  const formatted = hideSuggestions ? { ...json, message: hideSchemaSuggestions(json.message) } : json;
  return formatGraphQLError(formatted, error);
}
