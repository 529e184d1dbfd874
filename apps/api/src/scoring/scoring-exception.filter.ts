import { Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import type { GraphQLError } from 'graphql';
import { ScoringException, toScoringGraphQLError } from './scoring.exception.js';

/** Keeps services free of GraphQL: what they throw becomes a client error here. */
@Catch(ScoringException)
export class ScoringExceptionFilter implements GqlExceptionFilter {
  catch(exception: ScoringException): GraphQLError {
    return toScoringGraphQLError(exception);
  }
}
