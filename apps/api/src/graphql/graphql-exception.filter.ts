import { type ArgumentsHost, Catch, HttpException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { GRAPHQL_PATH } from './graphql-path.js';

interface HttpReply {
  status(code: number): HttpReply;
  header(name: string, value: string): HttpReply;
  send(body: unknown): unknown;
}

/**
 * Hands the errors of GraphQL operations to Apollo untouched (a feature's typed errors
 * included): `formatGraphQLError` is the one place that maps them, decides what the client
 * sees and logs the unexpected ones, so Nest's default handler must not log every client
 * error a second time. A request to the GraphQL endpoint that
 * Fastify refuses before Apollo sees it (a body that is not JSON, one over the size
 * limit, a wrong media type) is answered GraphQL-shaped, with `extensions.code`. Other
 * HTTP routes keep Nest's behaviour.
 */
@Catch()
export class GraphQLExceptionFilter extends BaseExceptionFilter implements GqlExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') return exception;
    const http = host.switchToHttp();
    const url = http.getRequest<{ url?: string }>().url ?? '';
    if (exception instanceof HttpException && isGraphQLPath(url)) {
      const status = exception.getStatus();
      if (status >= 400 && status < 500) {
        const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
        return http
          .getResponse<HttpReply>()
          .status(status)
          .header('content-type', 'application/json; charset=utf-8')
          .send({ errors: [{ message: exception.message, extensions: { code } }] });
      }
    }
    return super.catch(exception, host);
  }
}

function isGraphQLPath(url: string): boolean {
  return url === GRAPHQL_PATH || url.startsWith(`${GRAPHQL_PATH}?`) || url.startsWith(`${GRAPHQL_PATH}/`);
}
