import { Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import type { GraphQLError } from 'graphql';
import { TiersException, toTiersGraphQLError } from './tiers.exception.js';

/** Keeps services free of GraphQL: what they throw becomes a client error here. */
@Catch(TiersException)
export class TiersExceptionFilter implements GqlExceptionFilter {
  catch(exception: TiersException): GraphQLError {
    return toTiersGraphQLError(exception);
  }
}
