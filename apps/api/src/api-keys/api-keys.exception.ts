import type { GraphQLError } from 'graphql';
import { clientError } from '../graphql/client-error.js';

export enum ApiKeyErrorCode {
  NotFound = 'API_KEY_NOT_FOUND',
}

export class ApiKeyException extends Error {
  constructor(
    readonly code: ApiKeyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiKeyException';
  }
}

/** The one place api-key errors become GraphQL errors. */
export function toApiKeyClientError(exception: ApiKeyException): GraphQLError {
  switch (exception.code) {
    case ApiKeyErrorCode.NotFound:
      // Same answer for another business's key as for no key at all.
      return clientError('NOT_FOUND', exception.message, { reason: exception.code });
  }
}
