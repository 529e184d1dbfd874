import type { GraphQLError } from 'graphql';
import { clientError } from '../graphql/client-error.js';

export enum CustomerErrorCode {
  NotFound = 'CUSTOMER_NOT_FOUND',
  ExternalRefTaken = 'CUSTOMER_EXTERNAL_REF_TAKEN',
  Erased = 'CUSTOMER_ERASED',
  InvalidScoreRange = 'CUSTOMER_INVALID_SCORE_RANGE',
  InvalidCursor = 'CUSTOMER_INVALID_CURSOR',
}

export class CustomerException extends Error {
  constructor(
    readonly code: CustomerErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'CustomerException';
  }
}

/** The one place customer errors become GraphQL errors. */
export function toCustomerGraphQLError(exception: CustomerException): GraphQLError {
  const extensions = { reason: exception.code, ...(exception.field ? { field: exception.field } : {}) };
  switch (exception.code) {
    case CustomerErrorCode.NotFound:
      return clientError('NOT_FOUND', exception.message, extensions);
    case CustomerErrorCode.ExternalRefTaken:
    case CustomerErrorCode.Erased:
      return clientError('CONFLICT', exception.message, extensions);
    case CustomerErrorCode.InvalidScoreRange:
    case CustomerErrorCode.InvalidCursor:
      return clientError('BAD_USER_INPUT', exception.message, extensions);
  }
}
