import { type ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { GqlExceptionFilter } from '@nestjs/graphql';

/**
 * Hands GraphQL errors to Apollo untouched: `formatGraphQLError` is the one place that
 * decides what the client sees and logs the unexpected ones, so Nest's default handler
 * must not log every client error a second time. HTTP routes keep Nest's behaviour.
 */
@Catch()
export class GraphQLExceptionFilter extends BaseExceptionFilter implements GqlExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') return exception;
    return super.catch(exception, host);
  }
}
