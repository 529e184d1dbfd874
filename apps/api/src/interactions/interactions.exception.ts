import type { GraphQLError } from 'graphql';
import type { FieldError } from '../common/validation/validation-exception.factory.js';
import { clientError } from '../graphql/client-error.js';

export enum InteractionErrorCode {
  /** The item breaks the interaction contract (missing or invalid field). */
  INVALID_INTERACTION = 'INVALID_INTERACTION',
  /** `occurredAt` is more than a day ahead: the worker would dead-letter it. */
  OCCURRED_IN_FUTURE = 'OCCURRED_IN_FUTURE',
  /** A CAMPAIGN_REDEMPTION names a campaign the caller's business does not have. */
  UNKNOWN_CAMPAIGN = 'UNKNOWN_CAMPAIGN',
}

export class InteractionException extends Error {
  constructor(
    readonly code: InteractionErrorCode,
    message: string,
    readonly fieldErrors: FieldError[],
  ) {
    super(message);
    this.name = 'InteractionException';
  }
}

/** The one place interaction errors become GraphQL errors. */
export function toInteractionClientError(exception: InteractionException): GraphQLError {
  const extensions = { reason: exception.code, fieldErrors: exception.fieldErrors };
  switch (exception.code) {
    case InteractionErrorCode.INVALID_INTERACTION:
    case InteractionErrorCode.OCCURRED_IN_FUTURE:
      return clientError('BAD_USER_INPUT', exception.message, extensions);
    case InteractionErrorCode.UNKNOWN_CAMPAIGN:
      return clientError('NOT_FOUND', exception.message, extensions);
  }
}
