import type { GraphQLError } from 'graphql';
import { clientError } from '../graphql/format-graphql-error.js';

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

export function toApiKeyClientError(exception: ApiKeyException): GraphQLError {
  switch (exception.code) {
    case ApiKeyErrorCode.NotFound:
      // Same answer for another business's key as for no key at all.
      return clientError('NOT_FOUND', exception.message, { reason: exception.code });
  }
}

/** Rethrows an ApiKeyException as its client error; anything else stays unexpected. */
export function rethrowApiKeyError(error: unknown): never {
  throw error instanceof ApiKeyException ? toApiKeyClientError(error) : error;
}
