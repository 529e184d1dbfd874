import { Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import type { GraphQLError } from 'graphql';
import { CampaignException, toCampaignGraphQLError } from './campaigns.exception.js';

/** Keeps services free of GraphQL: what they throw becomes a client error here. */
@Catch(CampaignException)
export class CampaignExceptionFilter implements GqlExceptionFilter {
  catch(exception: CampaignException): GraphQLError {
    return toCampaignGraphQLError(exception);
  }
}
