import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { AppConfig } from '@inner-circle/config';
import {
  type DocumentNode,
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  type ParseOptions,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/** Bounds on what one operation may ask for, so a single request cannot exhaust the server. */
export const QUERY_LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  /**
   * A page of 100 customers with a modest selection (`id externalRef score tier{id name
   * rank}`, totalCount, pageInfo) costs ~5,060 in graphql-armor's model; 100 pages of
   * heavy nested lists stay far above this.
   */
  maxCost: 8000,
  maxDirectives: 20,
  maxTokens: 2000,
};

/**
 * The token limit is enforced by graphql-js's own parser (`maxTokens`), so an oversized
 * document is a parse failure (HTTP 400 `GRAPHQL_PARSE_FAILED`), not an exception thrown
 * from a plugin (HTTP 500). Apollo takes these as `parseOptions`; graphql-ws calls `parseOperation`.
 */
export const PARSE_OPTIONS: ParseOptions = { maxTokens: QUERY_LIMITS.maxTokens };

/**
 * graphql-armor's refusals start with "Syntax Error:" although the document parsed; they
 * are reported as what they are: a validation failure with an honest message.
 */
function reportRefusal(context: ValidationContext | null, error: GraphQLError): void {
  context?.reportError(
    new GraphQLError(error.message.replace(/^Syntax Error:\s*/, ''), {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    }),
  );
}

/**
 * The validation rules added to graphql-js's standard ones, for HTTP and graphql-ws alike:
 * depth, alias, cost and directive limits, and no schema introspection when it is off.
 */
export function createValidationRules(config: AppConfig): ValidationRule[] {
  const refusal = { propagateOnRejection: false, onReject: [reportRefusal] };
  const { validationRules } = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, ignoreIntrospection: true, ...refusal },
    maxAliases: { n: QUERY_LIMITS.maxAliases, ...refusal },
    costLimit: { maxCost: QUERY_LIMITS.maxCost, ...refusal },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives, ...refusal },
    // Enforced by the parser (PARSE_OPTIONS) and by the error formatter respectively.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return [...validationRules, ...(config.graphql.introspection ? [] : [NoSchemaIntrospectionCustomRule])];
}

/** Parses with the token limit; a syntax error or too many tokens is a GRAPHQL_PARSE_FAILED error. */
export function parseOperation(query: unknown): DocumentNode | GraphQLError {
  if (typeof query !== 'string') {
    return new GraphQLError('The operation must be a GraphQL document string', {
      extensions: { code: 'BAD_REQUEST' },
    });
  }
  try {
    return parse(query, PARSE_OPTIONS);
  } catch (error) {
    const message = error instanceof GraphQLError ? error.message : 'The document could not be parsed';
    return new GraphQLError(message, {
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
      ...(error instanceof GraphQLError
        ? { nodes: error.nodes, source: error.source, positions: error.positions }
        : {}),
    });
  }
}

/**
 * "Did you mean …?" hints name fields a caller without introspection should not learn;
 * the same pattern Apollo's `hideSchemaDetailsFromClientErrors` removes.
 */
export function hideSchemaSuggestions(message: string): string {
  return message.replace(/ ?Did you mean(.+)\?$/, '');
}
